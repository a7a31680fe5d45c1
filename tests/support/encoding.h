// Text in the encodings Korean, Japanese, Chinese and Western news sites still serve, made with ICU from UTF-8.
#pragma once

#include <string>

namespace tradewire::testing {

// `utf8` converted to `charset` (an ICU converter name such as "EUC-KR"); throws if ICU cannot.
std::string EncodeAs(const std::string& utf8, const char* charset);

inline const std::string kKoreanText =
    "한미 통상협의 2차 기술협의가 워싱턴에서 열렸다. 산업통상자원부는 비관세장벽 문제를 논의했다고 밝혔다.";
inline const std::string kJapaneseText =
    "日米の関税交渉は第二回目の協議を終えた。経済産業省は非関税障壁について説明した。";
inline const std::string kChineseText = "中美贸易谈判在华盛顿举行第二轮技术磋商，双方讨论了非关税壁垒问题。";
inline const std::string kFrenchText =
    "Les négociations commerciales ont repris à Séoul — « une étape décisive », selon le ministère.";

}  // namespace tradewire::testing
