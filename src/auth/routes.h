// The auth endpoints (login itself is built into api::Api): logout, me,
// password change, and user administration.
#pragma once

#include "api/api.h"

namespace gonghui::auth {

// POST /auth/logout, GET /auth/me, POST /auth/password, GET|POST /users,
// PATCH /users/{id}.
void RegisterRoutes(api::Api& api);

}  // namespace gonghui::auth
