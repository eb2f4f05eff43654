// Versioned schema migrations, the same versions and tables on both backends.
//
// Each migration is one SQL script in migrate.cc with a few dialect tokens
// ({ID} for the surrogate key, {WITHOUT_ROWID} for clustered tables). Migrate
// applies every version above the one recorded in schema_migrations, each in
// its own transaction, and is safe to run again (it then does nothing).
#pragma once

#include "core/result.h"
#include "db/db.h"

namespace gonghui::db {

// Applies pending migrations. Answers the schema version reached.
Result<int> Migrate(Database& db);

// The newest version this binary knows.
int LatestSchemaVersion();

}  // namespace gonghui::db
