// seed_corpus OUT_DIR FILE...: writes every string literal of the given C++ files (the unit
// tests of a parser) to OUT_DIR, one file per distinct literal, as the fuzzer's first inputs.
//
// Reads ordinary literals with their escapes (\n \t \" \\ \xHH, octal, \u and \U as UTF-8),
// raw literals R"d(...)d", and joins adjacent literals ("ab" "cd" is one input, as the compiler
// sees it). Comments and character literals are skipped; #include lines are not inputs.
#include <cctype>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace {

// The UTF-8 of code point `cp`, by nlohmann's reader of JSON's \u escapes (a surrogate pair above
// U+FFFF).
void AppendUtf8(char32_t cp, std::string& out) {
  char escape[16];
  if (cp < 0x10000) {
    std::snprintf(escape, sizeof escape, "\"\\u%04X\"", static_cast<unsigned>(cp));
  } else {
    cp -= 0x10000;
    std::snprintf(escape, sizeof escape, "\"\\u%04X\\u%04X\"", 0xD800 + (cp >> 10),
                  0xDC00 + (cp & 0x3FF));
  }
  nlohmann::json decoded = nlohmann::json::parse(escape, nullptr, false);
  if (decoded.is_string()) out += decoded.get<std::string>();
}

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads the ordinary literal whose opening quote is at src[i]; returns the index after it.
size_t ReadQuoted(const std::string& src, size_t i, std::string& out) {
  for (++i; i < src.size() && src[i] != '"'; ++i) {
    if (src[i] != '\\' || i + 1 >= src.size()) {
      out += src[i];
      continue;
    }
    char e = src[++i];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7': {
        int v = 0;
        for (int k = 0; k < 3 && i < src.size() && src[i] >= '0' && src[i] <= '7'; ++k, ++i)
          v = v * 8 + (src[i] - '0');
        --i;
        out += static_cast<char>(v);
        break;
      }
      case 'x': {
        int v = 0;
        while (i + 1 < src.size() && Hex(src[i + 1]) >= 0) v = v * 16 + Hex(src[++i]);
        out += static_cast<char>(v);
        break;
      }
      case 'u':
      case 'U': {
        char32_t cp = 0;
        for (int k = 0; k < (e == 'u' ? 4 : 8) && i + 1 < src.size(); ++k)
          cp = cp * 16 + Hex(src[++i]);
        AppendUtf8(cp, out);
        break;
      }
      default:
        out += e;  // \" \\ \' \?
    }
  }
  return i + 1;
}

// Reads the raw literal whose R is at src[i]; returns the index after it.
size_t ReadRaw(const std::string& src, size_t i, std::string& out) {
  size_t open = src.find('(', i + 2);
  if (open == std::string::npos) return src.size();
  std::string close = ")" + src.substr(i + 2, open - i - 2) + "\"";
  size_t end = src.find(close, open + 1);
  if (end == std::string::npos) return src.size();
  out += src.substr(open + 1, end - open - 1);
  return end + close.size();
}

bool Word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Calls `emit` with each literal (adjacent ones joined) of a C++ source.
void Literals(const std::string& src, const std::function<void(const std::string&)>& emit) {
  std::string current;
  bool open = false;  // `current` holds literals that the next one may continue
  for (size_t i = 0; i < src.size();) {
    char c = src[i];
    if (src.compare(i, 2, "//") == 0 || (c == '#' && (i == 0 || src[i - 1] == '\n'))) {
      i = src.find('\n', i);  // comments and preprocessor lines
      if (i == std::string::npos) break;
      continue;
    }
    if (src.compare(i, 2, "/*") == 0) {
      size_t end = src.find("*/", i + 2);
      i = end == std::string::npos ? src.size() : end + 2;
      continue;
    }
    if (c == '\'' && !(i > 0 && std::isxdigit(static_cast<unsigned char>(src[i - 1])))) {
      std::string ignored;  // a character literal ('"'); digit separators (1'000) excepted
      size_t end = i + 1;
      while (end < src.size() && src[end] != '\'') end += src[end] == '\\' ? 2 : 1;
      i = end + 1;
      continue;
    }
    bool raw = c == 'R' && i + 1 < src.size() && src[i + 1] == '"' && (i == 0 || !Word(src[i - 1]));
    if (c == '"' || raw) {
      i = raw ? ReadRaw(src, i, current) : ReadQuoted(src, i, current);
      open = true;
      continue;
    }
    if (open && !std::isspace(static_cast<unsigned char>(c))) {
      emit(current);
      current.clear();
      open = false;
    }
    ++i;
  }
  if (open) emit(current);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: seed_corpus OUT_DIR FILE...\n";
    return 2;
  }
  std::set<std::string> seen;
  for (int a = 2; a < argc; ++a) {
    std::ifstream in(argv[a], std::ios::binary);
    if (!in) {
      std::cerr << "seed_corpus: cannot read " << argv[a] << "\n";
      return 1;
    }
    std::string src((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Literals(src, [&](const std::string& literal) {
      if (literal.empty() || !seen.insert(literal).second) return;
      char name[32];
      std::snprintf(name, sizeof name, "/seed-%05zu", seen.size());
      std::ofstream(std::string(argv[1]) + name, std::ios::binary) << literal;
    });
  }
  std::cout << seen.size() << " seeds\n";
  return 0;
}
