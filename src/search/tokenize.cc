#include "search/tokenize.h"

#include <map>
#include <set>
#include <unordered_map>
#include <utility>

namespace gonghui::search {
namespace {

// Decodes the code point at text[i]; sets *len to its byte length. Invalid or
// truncated sequences, overlongs and surrogates decode as U+FFFD, one byte long.
char32_t Decode(std::string_view text, size_t i, size_t* len) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  *len = 1;
  if (c < 0x80) return c;
  // Lead bytes: C2–DF two bytes, E0–EF three, F0–F4 four; C0, C1 and F5–FF never occur.
  size_t n = c >= 0xF0 && c <= 0xF4   ? 4
             : c >= 0xE0 && c <= 0xEF ? 3
             : c >= 0xC2 && c < 0xE0  ? 2
                                      : 0;
  if (n == 0 || i + n > text.size()) return 0xFFFD;
  char32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0xFFFD;
  }
  *len = n;
  return cp;
}

void Encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool IsCjk(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) ||    // CJK unified ideographs
         (c >= 0x3400 && c <= 0x4DBF) ||    // extension A
         (c >= 0x20000 && c <= 0x323AF) ||  // extensions B–H
         (c >= 0xF900 && c <= 0xFAFF) ||    // compatibility ideographs
         c == 0x3007 ||                     // 〇
         (c >= 0x3041 && c <= 0x30FF) ||    // hiragana, katakana
         (c >= 0xAC00 && c <= 0xD7AF);      // Hangul syllables
}

// Full-width ASCII forms (Ａ, ２, ！) as their ASCII selves.
char32_t FoldWidth(char32_t c) { return c >= 0xFF01 && c <= 0xFF5E ? c - 0xFEE0 : c; }

bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||  // Latin with diacritics
         (c >= 0x386 && c <= 0x3FF && c != 0x387) ||             // Greek
         (c >= 0x400 && c <= 0x4FF);                             // Cyrillic
}

char32_t Lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;     // Latin-1
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;  // Greek
  if (c >= 0x410 && c <= 0x42F) return c + 32;                // Cyrillic
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

// PostgreSQL lexemes without positions, which no token equals (tokens hold no
// space or colon): "t:" + token for a token in the title, "a b" for tokens a
// and b next to each other in one field, "t:a b" for such a pair in the title.
constexpr const char* kTitleMark = "t:";

bool IsQuerySpace(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == 0x3000; }

// Quotes a tsquery or tsvector lexeme.
std::string PgLexeme(std::string_view token) {
  std::string out = "'";
  for (char c : token) {
    if (c == '\'' || c == '\\') out += c == '\'' ? '\'' : '\\';
    out += c;
  }
  return out + "'";
}

// FTS5 string: tokens never hold '"', but quote as FTS5 wants anyway.
std::string Fts5String(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

// The phrases as one expression, each built by `phrase`, ANDed by `and_op`.
template <typename F>
std::string AllPhrases(const std::vector<Phrase>& phrases, std::string_view and_op, F phrase) {
  std::vector<std::string> parts;
  for (const Phrase& p : phrases) parts.push_back(phrase(p));
  return "(" + Join(parts, and_op) + ")";
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> out;
  Token word;
  size_t word_chars = 0;
  auto end_word = [&] {
    if (word_chars == 0) return;
    out.push_back(std::move(word));
    word = Token{};
    word_chars = 0;
  };
  for (size_t i = 0; i < text.size();) {
    size_t len;
    char32_t c = FoldWidth(Decode(text, i, &len));
    if (IsWordChar(c)) {
      if (word_chars == kMaxWordChars) end_word();
      if (word_chars == 0) word.begin = i;
      Encode(Lower(c), word.text);
      word.end = i + len;
      ++word_chars;
    } else {
      end_word();
      if (IsCjk(c)) out.push_back(Token{std::string(text.substr(i, len)), i, i + len});
    }
    i += len;
  }
  end_word();
  return out;
}

std::vector<Phrase> QueryPhrases(std::string_view q) {
  std::vector<Phrase> out;
  size_t start = 0;
  auto flush = [&](size_t end) {
    Phrase p;
    for (Token& t : Tokenize(q.substr(start, end - start))) p.push_back(std::move(t.text));
    if (!p.empty()) out.push_back(std::move(p));
  };
  for (size_t i = 0; i < q.size();) {
    size_t len;
    char32_t c = Decode(q, i, &len);
    if (IsQuerySpace(c)) {
      flush(i);
      start = i + len;
    }
    i += len;
  }
  flush(q.size());
  return out;
}

IndexedText IndexText(std::string_view title, std::string_view body) {
  IndexedText out;
  std::vector<Token> title_tokens = Tokenize(title), body_tokens = Tokenize(body);
  // Occurrences need counting only when some token could pass the limit.
  const bool count = title_tokens.size() + body_tokens.size() > kMaxOccurrences;
  std::unordered_map<std::string, size_t> seen;
  size_t position = 0;
  // Adds the tokens to `slots` until the last position; answers the length
  // of the text taken: all of it, or up to the last token taken.
  auto add = [&](std::vector<Token>& tokens, size_t size, std::vector<std::string>& slots) {
    slots.reserve(tokens.size());
    size_t end = 0;
    for (Token& t : tokens) {
      if (++position > kMaxPosition) return end;
      end = t.end;
      slots.push_back(count && ++seen[t.text] > kMaxOccurrences ? std::string()
                                                                : std::move(t.text));
    }
    return size;
  };
  add(title_tokens, title.size(), out.title);
  ++position;  // a gap, so that no phrase joins the title's end to the body's start
  out.body_bytes = add(body_tokens, body.size(), out.body);
  return out;
}

std::string Fts5Text(const std::vector<std::string>& slots) {
  std::string out;
  for (const std::string& s : slots) {
    if (!out.empty()) out += ' ';
    out += s.empty() ? "\xEF\xBF\xBF" : s;
  }
  return out;
}

std::string TsVectorLiteral(const IndexedText& text, const std::vector<std::string>& filter) {
  std::map<std::string, std::string> positions;  // token → "1A,5B"
  std::set<std::string> bare(filter.begin(), filter.end());
  auto add = [&](const std::vector<std::string>& slots, size_t first, char weight) {
    const bool title = weight == 'A';
    for (size_t i = 0; i < slots.size(); ++i) {
      if (slots[i].empty()) continue;
      std::string& p = positions[slots[i]];
      if (!p.empty()) p += ',';
      p += std::to_string(first + i) + weight;
      if (title) bare.insert(kTitleMark + slots[i]);
      if (i + 1 < slots.size() && !slots[i + 1].empty()) {
        std::string pair = slots[i] + ' ' + slots[i + 1];
        if (title) bare.insert(kTitleMark + pair);
        bare.insert(std::move(pair));
      }
    }
  };
  add(text.title, 1, 'A');
  add(text.body, text.title.size() + 2, 'B');
  std::vector<std::string> lexemes;
  for (const auto& [token, p] : positions) lexemes.push_back(PgLexeme(token) + ':' + p);
  for (const std::string& b : bare) lexemes.push_back(PgLexeme(b));
  return Join(lexemes, " ");
}

std::string Fts5Match(const std::vector<Phrase>& phrases, Part part, const Filter& filter) {
  auto words = [&](std::string_view columns) {
    return std::string("{") + std::string(columns) + "} : " +
           AllPhrases(phrases, " AND ", [](const Phrase& p) { return Fts5String(Join(p, " ")); });
  };
  std::string expr = part == Part::kTitle ? words("title") : words("title body");
  if (part == Part::kNotTitle) expr = "(" + expr + ") NOT (" + words("title") + ")";
  for (const std::vector<std::string>& any : filter) {
    std::vector<std::string> quoted;
    for (const std::string& f : any) quoted.push_back(Fts5String(f));
    expr = "(" + expr + ") AND ({scope} : (" + Join(quoted, " OR ") + "))";
  }
  return expr;
}

std::string TsQueryLiteral(const std::vector<Phrase>& phrases, Part part, const Filter& filter) {
  // A word in the title (t: lexemes) or anywhere: its token or its pairs, and
  // for three tokens or more also the phrase of their positions.
  auto words = [&](bool title) {
    const std::string mark = title ? kTitleMark : "";
    return AllPhrases(phrases, " & ", [&](const Phrase& p) {
      if (p.size() == 1) return PgLexeme(mark + p[0]);
      std::vector<std::string> parts;
      for (size_t i = 0; i + 1 < p.size(); ++i)
        parts.push_back(PgLexeme(mark + p[i] + ' ' + p[i + 1]));
      if (p.size() > 2) {
        std::vector<std::string> positional;
        for (const std::string& t : p) positional.push_back(PgLexeme(t) + (title ? ":A" : ""));
        parts.push_back("(" + Join(positional, " <-> ") + ")");
      }
      return "(" + Join(parts, " & ") + ")";
    });
  };
  std::string expr = words(part == Part::kTitle);
  if (part == Part::kNotTitle) expr += " & !" + words(true);
  for (const std::vector<std::string>& any : filter) {
    std::vector<std::string> lexemes;
    for (const std::string& f : any) lexemes.push_back(PgLexeme(f));
    expr += " & (" + Join(lexemes, " | ") + ")";
  }
  return expr;
}

}  // namespace gonghui::search
