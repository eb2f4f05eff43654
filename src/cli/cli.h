// The `gonghui` command line: serve, migrate, demo, user, backup, openapi.
#pragma once

namespace gonghui::cli {

// Runs the command in argv[1]; answers the process exit code.
int Main(int argc, char** argv);

}  // namespace gonghui::cli
