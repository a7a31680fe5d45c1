// The date tagger family (TIMEX3), one section per rule family, with near misses that must not be tagged.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <string_view>

#include "extractors/text/calendar.h"
#include "extractors/tag/families.h"

namespace tradewire {
namespace {

const TaggerFamily& Tagger() {
  static const std::unique_ptr<TaggerFamily> tagger = [] {
    StatusOr<std::unique_ptr<TaggerFamily>> made = MakeDateTagger(DataFiles{});
    REQUIRE(made.ok());
    return std::move(made).value();
  }();
  return *tagger;
}

Mentions Tag(std::string_view text, std::string anchor = "2025-06-11") {  // a Wednesday
  TagContext context;
  context.text = text;
  context.anchor = std::move(anchor);
  Mentions out;
  Tagger().Tag(context, &out);
  return out;
}

// The single mention of `text` whose surface is `surface`; fails the test when there is none.
Mention Find(const Mentions& mentions, std::string_view surface) {
  for (const Mention& m : mentions) {
    if (m.text == surface) return m;
  }
  std::string all;
  for (const Mention& m : mentions) all += "[" + m.text + "] ";
  FAIL("no mention \"" << surface << "\" among " << all);
  return {};
}

std::string ValueOf(std::string_view text, std::string_view surface, std::string anchor = "2025-06-11") {
  return Find(Tag(text, std::move(anchor)), surface).value["value"].get<std::string>();
}

bool Tagged(std::string_view text, std::string_view surface) {
  for (const Mention& m : Tag(text)) {
    if (m.text.find(surface) != std::string::npos) return true;
  }
  return false;
}

TEST_CASE("calendar arithmetic") {
  CHECK(FormatDay(AddDays({2024, 2, 28}, 1)) == "2024-02-29");
  CHECK(FormatDay(AddDays({2025, 2, 28}, 1)) == "2025-03-01");
  CHECK(FormatDay(AddMonths({2025, 1, 31}, 1)) == "2025-02-28");
  CHECK(FormatDay(AddMonths({2025, 1, 15}, -1)) == "2024-12-15");
  CHECK(IsoWeekday({2025, 6, 11}) == 3);
  CHECK(FormatWeek(IsoWeekOf({2025, 6, 9})) == "2025-W24");
  CHECK(FormatWeek(IsoWeekOf({2021, 1, 1})) == "2020-W53");
  CHECK_FALSE(ParseIsoDay("2025-02-30").has_value());
  CHECK_FALSE(ParseIsoDay("garbage").has_value());
  CHECK(ParseIsoDay("2025-05-22T10:00:00Z").has_value());
}

TEST_CASE("an ISO date, with or without a time of day, is told from what only looks like one") {
  for (const char* date : {"2025-05-22", "2024-02-29", "2025-05-22T09:00", "2025-05-22t09:00:05Z",
                           "2025-05-22 09:00:60", "2025-05-22T09:00:00.123456+09:00", "2025-05-22T23:59-0330",
                           "2025-05-22T09:00+09"}) {
    INFO(date);
    CHECK(IsIsoDateTime(date));
  }
  for (const char* date : {"2025-13-45", "2025-02-29", "2025-5-22", "20250522", "2025-05-22T", "2025-05-22T9:00",
                           "2025-05-22T24:00", "2025-05-22T09:60", "2025-05-22T09:00:61", "2025-05-22T09:00:00.",
                           "2025-05-22T09:00+24:00", "2025-05-22T09:00+09:0", "2025-05-22T09:00Zulu",
                           "2025-05-22x", "yesterday", ""}) {
    INFO(date);
    CHECK_FALSE(IsIsoDateTime(date));
  }
}

TEST_CASE("mentions carry type, byte offsets, surface and a TIMEX3 value") {
  const std::string text = "Talks resumed on March 29, 2024 in Seoul.";
  const Mention m = Find(Tag(text), "March 29, 2024");
  CHECK(m.type == "date");
  CHECK(text.substr(m.start, m.end - m.start) == "March 29, 2024");
  CHECK(m.value["value"] == "2024-03-29");
  CHECK(m.value["timex_type"] == "DATE");
  CHECK_FALSE(m.value.contains("anchored"));
}

TEST_CASE("absolute dates in the common news forms") {
  CHECK(ValueOf("The deal was signed on 2025-04-01.", "2025-04-01") == "2025-04-01");
  CHECK(ValueOf("Filed 20 May. 2025 in Geneva.", "20 May. 2025") == "2025-05-20");
  CHECK(ValueOf("It ended 2 February 2024.", "2 February 2024") == "2024-02-02");
  CHECK(ValueOf("Trading closed 11/02/89 early.", "11/02/89") == "1989-11-02");
  CHECK(ValueOf("Trading closed 1/2/98 early.", "1/2/98") == "1998-01-02");
  CHECK(ValueOf("Revised 19980303 by the desk.", "19980303") == "1998-03-03");
  CHECK(ValueOf("Tariffs rose in 2019 sharply.", "2019") == "2019");
  CHECK(ValueOf("The FY2026 budget request.", "FY2026") == "FY2026");
  CHECK(ValueOf("Exports fell in fiscal 1989 overall.", "fiscal 1989") == "1989");
  CHECK(ValueOf("Prices soared in the 1990s.", "the 1990s") == "199");
  CHECK(ValueOf("It began in nineteen ninety-six, he said.", "nineteen ninety-six") == "1996");
  CHECK(ValueOf("Since January nineteen ninety-seven, prices rose.", "January nineteen ninety-seven") == "1997-01");
}

TEST_CASE("a month and day without a year take the year nearest the anchor") {
  CHECK(ValueOf("The meeting is on July 8.", "July 8") == "2025-07-08");
  CHECK(ValueOf("Officials met Oct. 16 in Seoul.", "Oct. 16", "2025-01-10") == "2024-10-16");
  CHECK(ValueOf("Talks on April 1 went well.", "April 1") == "2025-04-01");
  CHECK(ValueOf("The talks will continue in December.", "December", "2025-10-01") == "2025-12");
  // A dateline is never after the day of writing, whatever the tense of the sentence it opens.
  CHECK(ValueOf("Seoul, April 1 (Yonhap) -- Talks will resume.", "April 1", "2025-03-20") == "2024-04-01");
  CHECK(ValueOf("Seoul, April 1 (Yonhap) -- Talks will resume.", "April 1", "2025-03-31") == "2025-04-01");
  // A future clause about a day a little before an imprecise anchor keeps this year.
  CHECK(ValueOf("Talks are expected after the election on June 3.", "June 3") == "2025-06-03");
  const Mention month = Find(Tag("Officials met in January."), "January");
  CHECK(month.value["value"] == "2025-01");
  CHECK(month.value["anchored"] == true);
}

TEST_CASE("weekdays: the most recent unless the sentence is about the future") {
  CHECK(ValueOf("The ministry said Friday it had agreed.", "Friday") == "2025-06-06");
  CHECK(ValueOf("The ministers will meet Friday.", "Friday") == "2025-06-13");
  CHECK(ValueOf("Negotiators met Wednesday.", "Wednesday") == "2025-06-11");
  CHECK(ValueOf("They met last Monday.", "last Monday") == "2025-06-09");  // news: the most recent Monday
  CHECK(ValueOf("They meet next Monday.", "next Monday") == "2025-06-16");
  const Mention morning = Find(Tag("Markets fell Tuesday morning."), "Tuesday morning");
  CHECK(morning.value["value"] == "2025-06-10TMO");
  CHECK(morning.value["timex_type"] == "TIME");
}

TEST_CASE("ordinal days and ranges of them") {
  CHECK(ValueOf("The shipment arrived on the 22nd.", "the 22nd") == "2025-05-22");
  CHECK(ValueOf("The delegation is expected to arrive the 22nd.", "the 22nd") == "2025-06-22");
  const Mentions range = Tag("Talks ran from the 2nd to the 4th.");
  CHECK(Find(range, "the 2nd").value["value"] == "2025-06-02");
  CHECK(Find(range, "the 4th").value["value"] == "2025-06-04");
  // A function word after the ordinal does not make it an adjective.
  CHECK(ValueOf("The secretary noted on the 8th that talks went well.", "the 8th") == "2025-06-08");
}

TEST_CASE("the previous year is a calendar year, the past year a stretch of time") {
  CHECK(ValueOf("Barriers rose from the previous year.", "the previous year") == "2024");
  CHECK(ValueOf("Exports grew in the past year.", "the past year") == "P1Y");
}

TEST_CASE("deictic and relative expressions resolve against the anchor") {
  CHECK(ValueOf("Seoul said today that it agreed.", "today") == "2025-06-11");
  CHECK(ValueOf("Seoul said yesterday that it agreed.", "yesterday") == "2025-06-10");
  CHECK(ValueOf("Exports dropped last month.", "last month") == "2025-05");
  CHECK(ValueOf("Exports dropped last year.", "last year") == "2024");
  CHECK(ValueOf("Exports will recover next year.", "next year") == "2026");
  CHECK(ValueOf("Exports dropped this week.", "this week") == "2025-W24");
  const Mention earlier = Find(Tag("Duties were cut earlier this year."), "earlier this year");
  CHECK(earlier.value["value"] == "2025");
  CHECK(earlier.value["mod"] == "START");
  CHECK(ValueOf("Output peaked three years ago.", "three years ago") == "2022");
  CHECK(ValueOf("Talks are set for the week of June 9.", "the week of June 9") == "2025-W24");
  CHECK(ValueOf("Exports fell last fall.", "last fall") == "2024-FA");
  CHECK(ValueOf("It was the winter of nineteen ninety-four.", "the winter of nineteen ninety-four") == "1994-WI");
}

TEST_CASE("quarters and halves") {
  CHECK(ValueOf("Earnings fell in the third quarter.", "the third quarter", "1989-10-27") == "1989-Q3");
  CHECK(ValueOf("A third-quarter loss was posted.", "third-quarter", "1989-10-27") == "1989-Q3");
  CHECK(ValueOf("Sales rose in the first half of 2024.", "the first half of 2024") == "2024-H1");
  // "the quarter" refers back to the quarter last named.
  const Mentions back = Tag("The fourth quarter was strong. Profit in the quarter rose.", "1990-02-01");
  CHECK(Find(back, "the quarter").value["value"] == "1989-Q4");
}

TEST_CASE("durations include their modifiers as TimeML spans them") {
  const Mention three = Find(Tag("The talks lasted three years."), "three years");
  CHECK(three.value["value"] == "P3Y");
  CHECK(three.value["timex_type"] == "DURATION");
  CHECK(ValueOf("In the last twenty four hours, stocks fell.", "the last twenty four hours") == "PT24H");
  CHECK(ValueOf("A 90-day pause began.", "90-day") == "P90D");
  CHECK(ValueOf("Talks took the past two months.", "the past two months") == "P2M");
  const Mention about = Find(Tag("It took about two weeks."), "about two weeks");
  CHECK(about.value["value"] == "P2W");
  CHECK(about.value["mod"] == "APPROX");
  CHECK(ValueOf("Negotiations took several years.", "several years") == "PXY");
}

TEST_CASE("times of day") {
  const Mention clock = Find(Tag("The statement came at 10:30 a.m. in Seoul."), "10:30 a.m.");
  CHECK(clock.value["value"] == "2025-06-11T10:30");
  CHECK(clock.value["timex_type"] == "TIME");
  CHECK(ValueOf("The vote will be held at 5 p.m. EST Friday.", "5 p.m. EST Friday") == "2025-06-13T17:00");
  CHECK(ValueOf("Officials spoke tonight.", "tonight") == "2025-06-11TNI");
}

TEST_CASE("sets") {
  const Mention weekly = Find(Tag("The committee meets every week."), "every week");
  CHECK(weekly.value["value"] == "P1W");
  CHECK(weekly.value["timex_type"] == "SET");
  CHECK(ValueOf("Prices are published daily.", "daily") == "P1D");
  CHECK(ValueOf("They meet every Tuesday.", "every Tuesday") == "XXXX-WXX-2");
  const Mention nights = Find(Tag("Flights leave Bombay on Tuesday nights."), "Tuesday nights");
  CHECK(nights.value["value"] == "XXXX-WXX-2TNI");
  CHECK(nights.value["timex_type"] == "SET");
}

TEST_CASE("holidays, seasons and decades") {
  CHECK(ValueOf("Talks resume after Thanksgiving.", "Thanksgiving", "2025-11-01") == "2025-11-27");
  CHECK(ValueOf("Talks stalled over Christmas.", "Christmas", "2025-01-05") == "2024-12-25");
  CHECK(ValueOf("Talks resume this summer.", "this summer") == "2025-SU");
  CHECK(ValueOf("Elian was found last Thanksgiving.", "last Thanksgiving", "2000-02-10") == "1999-11-25");
  CHECK(ValueOf("Shops close next Christmas.", "next Christmas", "2025-01-05") == "2025-12-25");
  CHECK(ValueOf("Protesters prayed as Easter week began.", "Easter week", "2000-04-17") == "2000-W16");
  CHECK(ValueOf("Markets are shut on Good Friday.", "Good Friday", "2025-04-10") == "2025-04-18");
  CHECK(ValueOf("The ceasefire held over Easter.", "Easter", "1998-04-20") == "1998-04-12");
  CHECK_FALSE(Tagged("NATO expands into Eastern Europe.", "Easter"));
  const Mention decade = Find(Tag("Exports boomed in the late 1980s."), "the late 1980s");
  CHECK(decade.value["value"] == "198");
  CHECK(decade.value["mod"] == "END");
}

TEST_CASE("vague references") {
  CHECK(ValueOf("Tariffs are now in force.", "now") == "PRESENT_REF");
  CHECK(ValueOf("Exports recently fell.", "recently") == "PAST_REF");
  CHECK(ValueOf("In the past, exports grew.", "the past") == "PAST_REF");
  CHECK(ValueOf("In the future, exports may grow.", "the future") == "FUTURE_REF");
}

TEST_CASE("tense: the nearest cue decides the year of a month or day without one") {
  // A passive participle after "be" is not a past verb: the clause is about the future.
  CHECK(ValueOf("Collins will be named commander for a mission in December.", "December", "1998-03-04") == "1998-12");
  // "since" always looks back, whatever future word is around.
  CHECK(ValueOf("The carrier, scheduled to return, has been on patrol since March.", "March", "1990-08-13") ==
        "1990-03");
  // A past verb right before the month dates a past event.
  CHECK(ValueOf("The ratification process began in February.", "February", "1998-12-03") == "1998-02");
  // "-ed" adjectives before a noun are no past verbs: "the reduced dividend is payable Dec. 15".
  CHECK(ValueOf("The reduced dividend is payable Dec. 15 to holders.", "Dec. 15", "1989-11-02") == "1989-12-15");
  CHECK(ValueOf("It would be paid on a still unspecified date in January.", "January", "1989-10-26") == "1990-01");
}

TEST_CASE("weekdays: deadlines and plans point ahead, places and nouns do not") {
  // 2000-04-03 is a Monday.
  CHECK(ValueOf("Officials postponed until Tuesday any action on the case.", "Tuesday", "2000-04-03") == "2000-04-04");
  CHECK(ValueOf("The father could come as early as Tuesday.", "Tuesday", "2000-04-03") == "2000-04-04");
  CHECK(ValueOf("The group could leave as soon as Tuesday, Castro said.", "Tuesday", "2000-04-03") == "2000-04-04");
  CHECK(ValueOf("The peace process is set to resume Monday in Belfast.", "Monday", "1998-03-22") == "1998-03-23");
  CHECK(ValueOf("Navigation Mixte is to resume trading in Paris Tuesday.", "Tuesday", "1989-10-27") == "1989-10-31");
  CHECK(ValueOf("Protesters were planning to drive around the airport on Monday.", "Monday", "2000-01-07") ==
        "2000-01-10");
  // "Until Thursday, they had not …": a past perfect after "until" looks back.
  CHECK(ValueOf("Until Thursday, they had not called Kopp a suspect.", "Thursday", "1999-05-07") == "1999-05-06");
  // "next to the embassy" is a place, "vacation plans" a noun: neither makes the sentence future.
  CHECK(ValueOf("Hundreds were wounded in the blast next to the embassy on Friday.", "Friday", "1998-08-08") ==
        "1998-08-07");
  CHECK(ValueOf("On Friday, when Albright set aside vacation plans, the warning was lifted.", "Friday",
                "1998-08-17") == "1998-08-14");
}

TEST_CASE("a weekday before a month and day is part of that date") {
  const Mention saturday = Find(Tag("The rally will be held Saturday, April 25 in Albany.", "1998-04-24"),
                                "Saturday, April 25");
  CHECK(saturday.value["value"] == "1998-04-25");
  CHECK(ValueOf("He resigned Friday Oct. 13 after the vote.", "Friday Oct. 13", "1989-10-27") == "1989-10-13");
  CHECK(ValueOf("Talks end Monday, 26 October.", "Monday, 26 October", "1998-10-25") == "1998-10-26");
}

TEST_CASE("'last' before a full date is the most recent such day and stays out of the span") {
  const Mentions mentions = Tag("He was shot to death last Oct. 23 at his home.", "1999-04-19");
  CHECK(Find(mentions, "Oct. 23").value["value"] == "1998-10-23");
  for (const Mention& m : mentions) CHECK(m.text.find("last") == std::string::npos);
}

TEST_CASE("a month followed by this, last or next year") {
  CHECK(ValueOf("The process began in February this year.", "February this year", "1998-12-03") == "1998-02");
  CHECK(ValueOf("They join in April next year.", "April next year", "1998-12-03") == "1999-04");
  CHECK(ValueOf("Prices peaked in June last year.", "June last year", "1998-02-19") == "1997-06");
  CHECK(ValueOf("The vote came on May 5 last year.", "May 5 last year", "1998-02-19") == "1997-05-05");
  // "May" as a verb before "last year" is no month.
  CHECK_FALSE(Tagged("Officials say they may last year's record.", "may last"));
}

TEST_CASE("'last' and a month just past is a year ago: that month would be 'last month'") {
  CHECK(ValueOf("Two helicopters crashed last February.", "last February", "1998-03-01") == "1997-02");
  CHECK(ValueOf("Shareholders approved the plan last April.", "last April", "1989-10-27") == "1989-04");
  CHECK(ValueOf("He was appointed last May.", "last May", "1998-02-27") == "1997-05");
}

TEST_CASE("quarters of a year named by this, last or next year's") {
  CHECK(ValueOf("Net sales for this year's third quarter fell.", "this year's third quarter", "1989-11-01") ==
        "1989-Q3");
  CHECK(ValueOf("It could be effective in next year's first quarter.", "next year's first quarter",
                "1989-10-31") == "1990-Q1");
  const Mentions mentions =
      Tag("Sales in the third quarter fell. Sales for last year's quarter were $3 million.", "1989-11-01");
  CHECK(Find(mentions, "last year's quarter").value["value"] == "1988-Q3");
  // After a quarter has been named, "the 1988 period" and "the latest period" are that quarter.
  const Mentions period =
      Tag("Profit rose in the third quarter. In the 1988 period, it earned $20 million.", "1989-10-26");
  CHECK(Find(period, "the 1988 period").value["value"] == "1988-Q3");
  CHECK(ValueOf("Prices stalled during the 1995 period of reform.", "1995", "1998-03-01") == "1995");
  CHECK(ValueOf("Sales grew in the last half of 1989.", "the last half of 1989") == "1989-H2");
  // A plain "last year's" before a figure stays a year.
  CHECK(ValueOf("Sales rose from last year's $2.34 billion.", "last year", "1989-10-26") == "1988");
}

TEST_CASE("vague amounts: 'a couple' is two, 'several years ago' is the past") {
  CHECK(ValueOf("It will not change for a couple of years.", "a couple of years") == "P2Y");
  CHECK(ValueOf("The share rose from 35 percent several years ago.", "several years ago") == "PAST_REF");
  CHECK(ValueOf("The walls were removed a few years ago.", "a few years ago") == "PAST_REF");
  CHECK(ValueOf("Output peaked three years ago.", "three years ago") == "2022");  // exact amounts stay dates
}

TEST_CASE("durations with halves") {
  CHECK(ValueOf("They lived in camps for 2 1/2 years.", "2 1/2 years") == "P2Y6M");
  CHECK(ValueOf("She spends 5 1/2 hours in Nairobi.", "5 1/2 hours") == "PT5H30M");
  const Mention minute = Find(Tag("But a minute and a half later, a pilot called."), "a minute and a half");
  CHECK(minute.value["value"] == "PT1M30S");
  CHECK(minute.value["timex_type"] == "DURATION");
  CHECK(ValueOf("The strike lasted 1.5 days.", "1.5 days") == "P1DT12H");
  // A fraction that is no half of a unit is not read as one.
  CHECK_FALSE(Tagged("Shares rose 2 1/4 to 37 3/4.", "1/4"));
}

TEST_CASE("'N units later' is a duration, 'later' is a signal left out of the span") {
  const Mention later = Find(Tag("Three days later, the index recovered."), "Three days");
  CHECK(later.value["value"] == "P3D");
  CHECK(later.value["timex_type"] == "DURATION");
  CHECK(ValueOf("A few days later, the company announced a sale.", "A few days") == "PXD");
  CHECK(ValueOf("Prices rose two years ago.", "two years ago") == "2023");
}

TEST_CASE("that year, later that day and the following year refer to the date last named") {
  const Mentions mentions = Tag(
      "Imports totaled $37 million in 1988, a small share of watch imports that year. He returned to Cuba in June "
      "1998 and left later that year. Slepian was killed on Oct. 23, 1998. Earlier that day, the family sent a "
      "fax.",
      "1999-10-24");
  CHECK(Find(mentions, "that year").value["value"] == "1988");
  CHECK(Find(mentions, "later that year").value["value"] == "1998");
  CHECK(Find(mentions, "Earlier that day").value["value"] == "1998-10-23");
  CHECK(ValueOf("On May 22, 1995, Farkas was promoted, and the following year he was appointed attache.",
                "the following year", "1998-04-18") == "1996");
  CHECK(ValueOf("In March, the board met. The following month, the company put itself up for sale.",
                "The following month", "1989-10-27") == "1989-04");
  // Nothing named before: "that year" is left out rather than guessed; the previous year is the anchor's.
  CHECK_FALSE(Tagged("Sales rose that year.", "that year"));
  CHECK(ValueOf("Barriers rose from the previous year.", "the previous year") == "2024");
  // The reporting day ("said Monday") is no referent for "that year"; a bare "that day" is too often generic.
  CHECK_FALSE(Tagged("Sales rose, he said Monday. They fell that year.", "that year"));
  CHECK_FALSE(Tagged("On Oct. 23, 1998 traders lost on trades made that day.", "that day"));
}

TEST_CASE("the year ended or ending a date is a twelve-month period") {
  const Mention year = Find(Tag("Revenue was $76 million for the year ended March 31.", "1989-11-01"), "the year");
  CHECK(year.value["value"] == "P1Y");
  CHECK(year.value["timex_type"] == "DURATION");
  CHECK(ValueOf("Sales rose in the year.", "the year", "1989-11-01") == "1989");
}

TEST_CASE("the following day and the previous day count from the day last named, else from the anchor") {
  const Mentions mentions =
      Tag("The board met on Monday. The following day it voted, and the next day it adjourned.", "2025-05-22");
  CHECK(Find(mentions, "The following day").value["value"] == "2025-05-20");
  CHECK(Find(mentions, "the next day").value["value"] == "2025-05-21");
  CHECK(ValueOf("Talks ended on March 3, 1998, a day after the previous day's walkout.", "the previous day",
                "1998-03-10") == "1998-03-02");
  CHECK(ValueOf("Shares rose 3 percent from the prior day.", "the prior day", "2025-05-22") == "2025-05-21");
}

TEST_CASE("this coming, this past and the previous weekday") {
  // 2025-06-11 is a Wednesday.
  CHECK(ValueOf("Women's Day is this coming Sunday.", "this coming Sunday") == "2025-06-15");
  CHECK(ValueOf("Prices fell this past Monday.", "this past Monday") == "2025-06-09");
  CHECK(ValueOf("The index closed on Friday, June 6, down from the previous Friday.", "the previous Friday") ==
        "2025-05-30");
  CHECK(ValueOf("The vote came on Monday, June 2, and the following Thursday the bill passed.",
                "the following Thursday") == "2025-06-05");
}

TEST_CASE("a word between a number and its unit keeps the duration") {
  CHECK(ValueOf("Shares fell for five trading days.", "five trading days") == "P5D");
  CHECK(ValueOf("The mine will run at least 20 more years.", "at least 20 more years") == "P20Y");
  CHECK(ValueOf("It was given an additional year to comply.", "an additional year") == "P1Y");
  CHECK(ValueOf("Payment is due within three business days.", "three business days") == "P3D");
  // "last" as the verb is not part of it.
  CHECK(ValueOf("The talks will last two weeks.", "two weeks") == "P2W");
  CHECK_FALSE(Tagged("He has 20 more votes.", "20"));
}

TEST_CASE("a plan in the past perfect looks back") {
  // 2025-06-11 is a Wednesday: the offer had been due to expire last Friday, and was extended.
  CHECK(ValueOf("The offer had been scheduled to expire at midnight Friday.", "midnight Friday") ==
        "2025-06-06T24:00");
  CHECK(ValueOf("It had been due to expire Friday evening.", "Friday evening") == "2025-06-06TEV");
  CHECK(ValueOf("The offer is scheduled to expire Friday.", "Friday") == "2025-06-13");
}

TEST_CASE("the fiscal year, the full year and year-end are the reported year") {
  CHECK(ValueOf("Profit for the fiscal year rose.", "the fiscal year", "1989-11-01") == "1989");
  CHECK(ValueOf("It expects a loss for the full year.", "the full year", "1989-11-01") == "1989");
  CHECK(ValueOf("Sales fell in the previous fiscal year.", "the previous fiscal year", "1989-11-01") == "1988");
  CHECK(ValueOf("Sales will rise in the coming fiscal year.", "the coming fiscal year", "1989-11-01") == "1990");
  const Mention ended = Find(Tag("Revenue rose in the fiscal year ended June 30.", "1989-11-01"), "the fiscal year");
  CHECK(ended.value["value"] == "P1Y");
  // Year-end: December 31 of the year the clause points to.
  CHECK(ValueOf("Debt was $2 billion at year-end.", "year-end", "1989-02-10") == "1988-12-31");
  CHECK(ValueOf("The plant will close by year end.", "year end", "1989-10-10") == "1989-12-31");
}

TEST_CASE("centuries are written with their two leading digits") {
  CHECK(ValueOf("Tariffs were high in the 20th century.", "the 20th century") == "19");
  CHECK(ValueOf("Trade grew in the twenty-first century.", "the twenty-first century") == "20");
  CHECK(ValueOf("It dates from the 11th century.", "the 11th century") == "10");
  const Mention early = Find(Tag("Canals were dug in the early nineteenth century."), "the early nineteenth century");
  CHECK(early.value["value"] == "18");
  CHECK(early.value["mod"] == "START");
  CHECK(ValueOf("A 19th-century treaty still applies.", "19th-century") == "18");
}

TEST_CASE("names of newspapers, shows, sites and products are not dates") {
  CHECK_FALSE(Tagged("The Korea JoongAng Daily reported the talks.", "Daily"));
  CHECK_FALSE(Tagged("The Daily Mail and the Weekly Standard agreed.", "Daily"));
  CHECK_FALSE(Tagged("The Daily Mail and the Weekly Standard agreed.", "Weekly"));
  CHECK_FALSE(Tagged("Daily Mail reporters asked.", "Daily"));
  CHECK_FALSE(Tagged("He told USA Today the tariffs would stay.", "Today"));
  CHECK_FALSE(Tagged("He said on ABC's This Week that talks would resume.", "Week"));
  CHECK_FALSE(Tagged("Shares of Monday.com rose.", "Monday"));
  CHECK_FALSE(Tagged("Microsoft shipped Windows 2000 and Windows 95.", "2000"));
  CHECK_FALSE(Tagged("Microsoft shipped Windows 2000 and Windows 95.", "95"));
  CHECK_FALSE(Tagged("Apollo 11 landed.", "11"));
  CHECK_FALSE(Tagged("Reformers recalled the Prague Spring.", "Spring"));
  // The same words as dates: lower case, or capitalized because they open a sentence or a quotation.
  CHECK(ValueOf("Daily output rose.", "Daily") == "P1D");
  CHECK(ValueOf("The paper is published weekly.", "weekly") == "P1W");
  CHECK(ValueOf("Sales fell. Today the board meets.", "Today", "2025-05-22") == "2025-05-22");
  CHECK(ValueOf("``Today, I'm here to tell you,'' he said.", "Today", "2025-05-22") == "2025-05-22");
  CHECK(ValueOf("In 1990 sales rose.", "1990") == "1990");
  CHECK(ValueOf("Paribas's 1989 profit rose.", "1989") == "1989");
  CHECK(ValueOf("Prices rose on Monday.", "Monday", "2025-05-22") == "2025-05-19");
}

TEST_CASE("'Now,' opening a sentence is a discourse marker") {
  CHECK_FALSE(Tagged("Sales fell. Now, he says, it looks different.", "Now"));
  CHECK(ValueOf("Now officials are investigating.", "Now") == "PRESENT_REF");
  CHECK(ValueOf("Prices are worth half that now, he said.", "now") == "PRESENT_REF");
  CHECK(ValueOf("More recently it followed the growth of militias.", "More recently") == "PAST_REF");
}

TEST_CASE("near misses are not dates") {
  CHECK_FALSE(Tagged("Under Article 25 of the agreement.", "25"));
  CHECK_FALSE(Tagged("Officials may raise tariffs.", "may"));
  CHECK_FALSE(Tagged("May I ask a question?", "May"));
  CHECK_FALSE(Tagged("Protesters march on the capital.", "march"));
  CHECK_FALSE(Tagged("Ministers of Poland and Jan Kavan of the Czech Republic signed.", "Jan"));
  CHECK(ValueOf("In May Congress passed the bill.", "May") == "2025-05");
  CHECK_FALSE(Tagged("The company paid $2025 in fees.", "2025"));
  CHECK_FALSE(Tagged("Output rose 2019.5 tonnes.", "2019"));
  CHECK_FALSE(Tagged("Prices could fall sharply.", "fall"));
  CHECK_FALSE(Tagged("A quarter of the steel was imported.", "quarter"));
  // "The 21st" is no day of the month here: the mention is the century.
  CHECK(ValueOf("The 21st century economy.", "The 21st century") == "20");
  CHECK_FALSE(Tagged("An appeal in the 11th U.S. Circuit Court.", "11th"));
  CHECK_FALSE(Tagged("A second round of talks.", "second"));
  CHECK_FALSE(Tagged("About two thousand workers struck.", "thousand"));
  CHECK_FALSE(Tagged("Item 13/45/7 on the list.", "13/45"));
  CHECK_FALSE(Tagged("The code 19981399 is invalid.", "19981399"));
}

TEST_CASE("without an anchor, relative expressions are left out rather than guessed") {
  const Mentions mentions = Tag("The ministry said yesterday it met on Friday and on March 29, 2024.", "");
  for (const Mention& m : mentions) CHECK(m.text != "yesterday");
  CHECK(Find(mentions, "March 29, 2024").value["value"] == "2024-03-29");
  CHECK(Find(mentions, "Friday").value["value"] == "XXXX-WXX-5");
}

TEST_CASE("byte offsets are right after multi-byte characters") {
  const std::string text = "서울 — Talks resumed on 2 February 2024.";
  const Mention m = Find(Tag(text), "2 February 2024");
  CHECK(text.substr(m.start, m.end - m.start) == "2 February 2024");
}

TEST_CASE("a malformed anchor is treated as no anchor") {
  const Mentions mentions = Tag("Seoul said yesterday that talks on March 29, 2024 went well.", "not-a-date");
  for (const Mention& m : mentions) CHECK(m.text != "yesterday");
  CHECK(Find(mentions, "March 29, 2024").value["value"] == "2024-03-29");
}

TEST_CASE("binary junk and long digit runs do not break the scan") {
  std::string junk = "\xff\xfe 2025-13-45 99999999999999 \x80May\x80 ";
  junk += std::string(10000, '9') + " on 2 February 2024.";
  const Mentions mentions = Tag(junk);
  REQUIRE(mentions.size() == 1);
  CHECK(mentions[0].value["value"] == "2024-02-02");
}

TEST_CASE("empty and date-free text yield nothing") {
  CHECK(Tag("").empty());
  CHECK(Tag("No dates in this sentence at all.").empty());
}

}  // namespace
}  // namespace tradewire
