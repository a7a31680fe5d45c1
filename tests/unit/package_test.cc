// The Debian package, made by CPack from this build (no second compile): its control data, its files, the
// unpacked binary run outside the checkout over the bundled corpus, the units checked by systemd-analyze, and
// lintian's verdict, where those tools are installed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <future>
#include <regex>
#include <sstream>

#include "tests/support/http_server.h"
#include "tests/support/subprocess.h"

using namespace tradewire::testing;
namespace fs = std::filesystem;

namespace {

// The one .deb cpack left in `dir`.
fs::path FindDeb(const fs::path& dir) {
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".deb") return entry.path();
  }
  return {};
}

std::string Field(const std::string& control, const std::string& name) {
  std::smatch match;
  if (!std::regex_search(control, match, std::regex("(^|\n)" + name + ": ([^\n]*)"))) return "";
  return match[2];
}

// The package's units with systemd's own beside them (their targets), so that systemd-analyze can check them
// offline inside `root`, ExecStart included.
void AddSystemdUnits(const fs::path& root) {
  for (const char* dir : {"/usr/lib/systemd/system", "/lib/systemd/system"}) {
    if (!fs::is_directory(dir)) continue;
    fs::copy(dir, root / "usr/lib/systemd/system",
             fs::copy_options::recursive | fs::copy_options::skip_existing | fs::copy_options::copy_symlinks);
    return;
  }
}

// "Overall exposure level for x.service: 1.4 OK" → 1.4; -1 when not found.
double Exposure(const std::string& report) {
  std::smatch match;
  if (!std::regex_search(report, match, std::regex(R"(Overall exposure level for \S+: ([0-9.]+))"))) return -1;
  return std::stod(match[1]);
}

}  // namespace

TEST_CASE("the .deb installs a working tradewire: control data, files, units, the binary outside the checkout") {
  TempDir dir;
  auto packed = RunCommand({TRADEWIRE_CPACK_COMMAND, "-G", "DEB", "--config", TRADEWIRE_BUILD_DIR "/CPackConfig.cmake",
                            "-B", dir.File("out")});
  INFO(packed.out << packed.err);
  REQUIRE(packed.exit_code == 0);
  CHECK_THAT(packed.out + packed.err, !Catch::Contains("Warning") && !Catch::Contains("Error"));
  const fs::path deb = FindDeb(dir.File("out"));
  REQUIRE_FALSE(deb.empty());
  CHECK(deb.filename().string().rfind("tradewire_" TRADEWIRE_VERSION "_", 0) == 0);

  // lintian takes longest: it runs while the rest is checked.
  const bool have_lintian = fs::exists("/usr/bin/lintian");
  std::future<CommandResult> lintian;
  if (have_lintian) {
    lintian = std::async(std::launch::async, [deb] {
      return RunCommand({"/usr/bin/lintian", "--allow-root", "--display-info", "--pedantic", deb.string()});
    });
  } else {
    WARN("lintian is not installed: the package was not linted (scripts/bootstrap installs it)");
  }

  const std::string control = RunCommand({"/usr/bin/dpkg-deb", "--field", deb.string()}).out;
  CHECK(Field(control, "Package") == "tradewire");
  CHECK(Field(control, "Version") == TRADEWIRE_VERSION);
  const std::string depends = Field(control, "Depends");
  // dpkg-shlibdeps's: the libraries the binary links, with versions.
  for (const char* library : {"adduser", "libc6 (>=", "libcurl4 (>=", "libsqlite3-0 (>=", "libgumbo1", "libre2-"}) {
    CHECK_THAT(depends, Catch::Contains(library));
  }
  CHECK(RunCommand({"/usr/bin/dpkg-deb", "--control", deb.string(), dir.File("control")}).exit_code == 0);
  CHECK(ReadFile(dir.File("control/conffiles")) == "/etc/tradewire/tradewire.toml\n");
  for (const char* script : {"postinst", "prerm", "postrm"}) {
    INFO(script);
    CHECK(RunCommand({"/bin/sh", "-n", dir.File("control/") + script}).exit_code == 0);
    CHECK((fs::status(dir.File("control/") + script).permissions() & fs::perms::owner_exec) != fs::perms::none);
  }
  CHECK_THAT(ReadFile(dir.File("control/postinst")), Catch::Contains("adduser --system --group"));

  const fs::path root = dir.File("root");
  REQUIRE(RunCommand({"/usr/bin/dpkg-deb", "-x", deb.string(), root.string()}).exit_code == 0);
  for (const char* file : {"usr/bin/tradewire", "usr/share/tradewire/schemas/migrations/001_initial.sql",
                           "usr/share/man/man1/tradewire.1.gz", "usr/share/bash-completion/completions/tradewire",
                           "usr/share/doc/tradewire/examples/tradewire.toml", "usr/share/doc/tradewire/copyright",
                           "usr/share/doc/tradewire/changelog.gz", "usr/lib/systemd/system/tradewire-ingest.service",
                           "usr/lib/systemd/system/tradewire-ingest.timer", "etc/tradewire/tradewire.toml"}) {
    CHECK(fs::is_regular_file(root / file));
  }
  const std::string service = ReadFile(root / "usr/lib/systemd/system/tradewire-ingest.service");
  const std::string timer = ReadFile(root / "usr/lib/systemd/system/tradewire-ingest.timer");
  for (const char* line : {"ExecStart=/usr/bin/tradewire ingest --config /etc/tradewire/tradewire.toml",
                           "SuccessExitStatus=75", "User=tradewire", "StateDirectory=tradewire", "ProtectSystem=strict",
                           "ProtectHome=true", "NoNewPrivileges=true", "PrivateTmp=true"}) {
    CHECK_THAT(service, Catch::Contains(std::string("\n") + line + "\n"));
  }
  CHECK_THAT(timer, Catch::Contains("\nPersistent=true\n") && Catch::Contains("\nWantedBy=timers.target\n"));

  // The unpacked binary, run from a folder outside the checkout, ingests the corpus over HTTP on its own schemas.
  TestHttpServer server(TRADEWIRE_SOURCE_DIR "/corpus/site");
  server.Start();
  const std::string elsewhere = dir.File("elsewhere"), binary = (root / "usr/bin/tradewire").string();
  fs::create_directories(elsewhere);
  WriteFile(elsewhere + "/feeds.toml", "[fetch]\nper_host_delay_ms = 0\n[store]\npath = \"news.db\"\n"
                                       "[[source]]\nname = \"rss\"\nkind = \"feed\"\nurl = \"" +
                                           server.Url("/feeds/rss.xml") + "\"\n");
  auto version = RunCommand({binary, "--version"}, "", elsewhere);
  CHECK_THAT(version.out, Catch::Contains("\nschemas " + (root / "usr/share/tradewire/schemas").string()));
  auto ingested = RunCommand({binary, "ingest", "--config", "feeds.toml"}, "", elsewhere);
  INFO(ingested.out << ingested.err);
  REQUIRE(ingested.exit_code == 0);
  auto stats = nlohmann::json::parse(RunCommand({binary, "stats", "--db", "news.db"}, "", elsewhere).out);
  CHECK(stats["articles"] == 6);
  CHECK(stats["mentions"]["official"].get<int>() > 0);

  if (fs::exists("/usr/bin/systemd-analyze")) {
    AddSystemdUnits(root);
    const std::string root_option = "--root=" + root.string();
    auto verified = RunCommand({"/usr/bin/systemd-analyze", "--man=no", root_option, "verify",
                                "tradewire-ingest.service", "tradewire-ingest.timer"});
    INFO("systemd-analyze verify: " << verified.out << verified.err);
    CHECK(verified.exit_code == 0);
    CHECK(verified.out + verified.err == "");  // unknown keys and bad values are only warnings
    auto security = RunCommand({"/usr/bin/systemd-analyze", "--offline=true", root_option, "security",
                                "tradewire-ingest.service"});
    INFO("systemd-analyze security: " << security.out);
    CHECK(Exposure(security.out) >= 0);
    CHECK(Exposure(security.out) <= 2.0);  // "OK" on systemd's 0–10 scale
  } else {
    WARN("systemd-analyze is not installed: the units were not verified (scripts/bootstrap installs systemd)");
  }

  if (have_lintian) {
    CommandResult linted = lintian.get();
    WARN("lintian:\n" << linted.out << linted.err);  // what it says, in the test's log
    CHECK(linted.exit_code == 0);
    CHECK(!std::regex_search(linted.out, std::regex("(^|\n)[EW]: ")));  // informational tags only
  }
}
