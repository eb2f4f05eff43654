#include "auth/password.h"

#include <sodium.h>

#include "api/body.h"

namespace gonghui::auth {

Result<std::string> HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("密码哈希失败（内存不足）");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& encoded) {
  return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

Status CheckPasswordStrength(std::string_view password, std::string_view field) {
  size_t n = api::Utf8Length(password);
  if (n < 8) return InvalidArgument(std::string(field), "密码至少 8 位");
  if (n > 128) return InvalidArgument(std::string(field), "密码不能超过 128 位");
  return Status::Ok();
}

bool LoginGate::TryEnter() {
  std::lock_guard lock(mu_);
  if (free_ == 0) return false;
  --free_;
  return true;
}

void LoginGate::Leave() {
  std::lock_guard lock(mu_);
  ++free_;
}

}  // namespace gonghui::auth
