// What every request handler can reach: the database, the secretbox for
// personal data, the clock, and the settings that shape behaviour.
#pragma once

#include <cstdint>

#include "core/crypto.h"
#include "core/time.h"
#include "db/db.h"

namespace gonghui::api {

struct AppSettings {
  int64_t session_idle_seconds = 60 * 60;      // sign out after an hour without requests
  int64_t session_max_seconds = 12 * 60 * 60;  // and after twelve hours in any case
  int max_failed_logins = 5;                   // then the account locks
  int64_t lockout_seconds = 15 * 60;
  int max_concurrent_logins = 4;  // each argon2id hash holds 64 MiB
  bool secure_cookie = false;     // set behind HTTPS
};

struct App {
  db::Database& db;
  const SecretBox& box;
  const Clock& clock;
  AppSettings settings;
};

}  // namespace gonghui::api
