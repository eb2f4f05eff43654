# Reads scripts/packages.list (sourced by deps.sh and check-deps.sh).
#   packages_for [PURPOSE...]  prints the packages of build and of each PURPOSE, one per line
#                              (all: every purpose); PACKAGES_LIST names another list file.
PACKAGES_LIST=${PACKAGES_LIST:-scripts/packages.list}

packages_for() {
  local want=" build $* "
  [[ $want == *" all "* ]] && want=" build test fuzz bench "
  [ -r "$PACKAGES_LIST" ] || { echo "packages: cannot read $PACKAGES_LIST" >&2; return 1; }
  awk -v want="$want" '
    /^[[:space:]]*(#|$)/ { next }
    NF < 2 { printf "packages: %s:%d: a package without a purpose\n", FILENAME, NR > "/dev/stderr"; exit 1 }
    $2 !~ /^(build|test|fuzz|bench)$/ { printf "packages: %s:%d: unknown purpose %s\n", FILENAME, NR, $2 > "/dev/stderr"; exit 1 }
    index(want, " " $2 " ") { print $1 }' "$PACKAGES_LIST"
}
