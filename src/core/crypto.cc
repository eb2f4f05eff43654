#include "core/crypto.h"

#include <sodium.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <optional>
#include <vector>

namespace gonghui {
namespace {

std::string ToHex(const unsigned char* data, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}

}  // namespace

Status InitCrypto() {
  if (sodium_init() < 0) return Internal("libsodium 初始化失败");
  return Status::Ok();
}

std::string RandomHex(size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  return ToHex(buf.data(), buf.size());
}

std::string HashHex(std::string_view data) {
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), nullptr, 0);
  return ToHex(out, sizeof out);
}

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

std::optional<std::string> FromBase64(std::string_view text) {
  std::string out(text.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  out.resize(len);
  return out;
}

namespace {
std::string Sha256(std::string_view data) {
  std::string digest(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(digest.data()),
                     reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return digest;
}
}  // namespace

std::string Sha256Hex(std::string_view data) {
  const std::string digest = Sha256(data);
  return ToHex(reinterpret_cast<const unsigned char*>(digest.data()), digest.size());
}

Result<std::string> Sha256FileHex(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Status(Code::kNotFound, "无法读取文件 " + path, "file");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<unsigned char> buf(1 << 20);
  for (size_t n; (n = std::fread(buf.data(), 1, buf.size(), f)) > 0;) {
    crypto_hash_sha256_update(&state, buf.data(), n);
  }
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return Status(Code::kNotFound, "无法读取文件 " + path, "file");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return ToHex(digest, sizeof digest);
}

std::string Sha256Base64(std::string_view data) { return Base64(Sha256(data)); }

Result<SecretBox> SecretBox::FromHex(std::string_view key_hex) {
  SecretBox box;
  box.key_.resize(crypto_secretbox_KEYBYTES);
  size_t len = 0;
  if (key_hex.size() != crypto_secretbox_KEYBYTES * 2 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(box.key_.data()), box.key_.size(),
                     key_hex.data(), key_hex.size(), nullptr, &len, nullptr) != 0 ||
      len != crypto_secretbox_KEYBYTES) {
    return InvalidArgument("secret_key", "数据加密密钥应为 64 位十六进制字符");
  }
  box.hash_key_.resize(crypto_generichash_KEYBYTES);
  static const char kContext[] = "gonghui fingerprint key";
  crypto_generichash(reinterpret_cast<unsigned char*>(box.hash_key_.data()), box.hash_key_.size(),
                     reinterpret_cast<const unsigned char*>(kContext), sizeof kContext - 1,
                     reinterpret_cast<const unsigned char*>(box.key_.data()), box.key_.size());
  return box;
}

namespace {

// Random nonces drawn from the system's generator a few hundred at a time:
// one getrandom(2) per call was a tenth of a bulk import's checking.
void FreshNonce(unsigned char* nonce) {
  constexpr size_t kPerDraw = 256;
  thread_local std::array<unsigned char, kPerDraw * crypto_secretbox_NONCEBYTES> pool;
  thread_local size_t used = kPerDraw;
  if (used == kPerDraw) {
    randombytes_buf(pool.data(), pool.size());
    used = 0;
  }
  unsigned char* next = pool.data() + used * crypto_secretbox_NONCEBYTES;
  std::memcpy(nonce, next, crypto_secretbox_NONCEBYTES);
  sodium_memzero(next, crypto_secretbox_NONCEBYTES);  // never handed out twice
  ++used;
}

}  // namespace

std::string SecretBox::Seal(std::string_view plaintext) const {
  std::vector<unsigned char> buf(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                 plaintext.size());
  unsigned char* nonce = buf.data();
  FreshNonce(nonce);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        nonce, reinterpret_cast<const unsigned char*>(key_.data()));
  std::string out(sodium_base64_ENCODED_LEN(buf.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

Result<std::string> SecretBox::Open(std::string_view sealed) const {
  std::vector<unsigned char> buf(sealed.size());
  size_t len = 0;
  if (sodium_base642bin(buf.data(), buf.size(), sealed.data(), sealed.size(), nullptr, &len,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return Internal("加密数据已损坏");
  }
  std::string out(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()),
                                 buf.data() + crypto_secretbox_NONCEBYTES,
                                 len - crypto_secretbox_NONCEBYTES, buf.data(),
                                 reinterpret_cast<const unsigned char*>(key_.data())) != 0) {
    return Internal("无法解密：数据加密密钥与写入时不一致");
  }
  return out;
}

std::string SecretBox::Fingerprint(std::string_view plaintext) const {
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(plaintext.data()),
                     plaintext.size(), reinterpret_cast<const unsigned char*>(hash_key_.data()),
                     hash_key_.size());
  return ToHex(out, sizeof out);
}

}  // namespace gonghui
