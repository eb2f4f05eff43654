// Cryptography through libsodium: random tokens, hashes, and the secretbox
// that keeps personal data (ID numbers, phones) encrypted at rest.
//
// InitCrypto must succeed once before anything else here is used. SecretBox
// is immutable after construction and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gonghui {

Status InitCrypto();

// `bytes` random bytes as lower-case hex.
std::string RandomHex(size_t bytes);

// BLAKE2b-256 of `data` as hex (session tokens are stored only as this).
std::string HashHex(std::string_view data);

// SHA-256 of `data` in standard base64 (the form of a Content-Security-Policy hash source).
std::string Sha256Base64(std::string_view data);
// SHA-256 of `data` as lower-case hex (stored files, signed contract texts).
std::string Sha256Hex(std::string_view data);
// Of a file read a block at a time; kNotFound when it cannot be read.
Result<std::string> Sha256FileHex(const std::string& path);
// Standard base64 (with padding) and back; FromBase64 answers nullopt for text that is not base64.
std::string Base64(std::string_view bytes);
std::optional<std::string> FromBase64(std::string_view text);

// Authenticated symmetric encryption with a 32-byte key given as 64 hex chars.
class SecretBox {
 public:
  // kInvalidArgument when the key is not 64 hex characters.
  static Result<SecretBox> FromHex(std::string_view key_hex);

  // base64(nonce || ciphertext); a fresh random nonce each call.
  std::string Seal(std::string_view plaintext) const;
  // The plaintext, or kInternal when the text was not sealed with this key.
  Result<std::string> Open(std::string_view sealed) const;
  // A keyed hash (hex) for finding equal values without decrypting them.
  std::string Fingerprint(std::string_view plaintext) const;

 private:
  std::string key_;       // 32 raw bytes
  std::string hash_key_;  // 32 raw bytes derived from key_
};

}  // namespace gonghui
