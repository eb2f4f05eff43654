#include "cli/cli.h"

int main(int argc, char** argv) { return gonghui::cli::Main(argc, argv); }
