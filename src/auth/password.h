// Password hashing with argon2id (libsodium crypto_pwhash, 64 MiB, ops 2).
// Each hash holds 64 MiB while it runs, so callers bound how many run at once
// (LoginGate).
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gonghui::auth {

// The encoded argon2id hash string; kInternal if memory runs out.
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& encoded);
// kInvalidArgument (field `password`) for passwords under 8 or over 128 chars.
Status CheckPasswordStrength(std::string_view password, std::string_view field = "password");

// A counting semaphore that refuses instead of queueing when full.
class LoginGate {
 public:
  explicit LoginGate(int slots) : free_(slots) {}
  bool TryEnter();
  void Leave();

 private:
  std::mutex mu_;
  int free_;  // guarded by mu_
};

}  // namespace gonghui::auth
