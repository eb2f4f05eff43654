#!/usr/bin/env bash
# check-deps — fails when the build or a script uses a Debian package that scripts/deps.sh
# would not install, so a step someone once did by hand cannot hide behind a green CI run.
#
# After the build it collects
#   headers   every header outside the repository that the compiler read (the depfiles, *.o.d,
#             of build-asan, and of build and build-fuzz when present);
#   libraries every shared library the gonghui binary, the test, benchmark and fuzz binaries load
#             (ldd);
#   commands  every external command that scripts/, tests/, bench/, web/e2e/, .ci/ and the Makefile
#             run: words in command position of shell code (also inside $(…), `…` and bash -c '…',
#             paths such as "$bindir/initdb"), and the commands JavaScript tests spawn
#             (run/spawn/execFile…('cmd'), executablePath: '…');
# maps each to its package (dpkg -S) and fails, naming the file and the package, unless that
# package is the base system (Essential or Priority required: what debootstrap --variant=minbase
# installs, present on every Debian machine), or in scripts/packages.list for the purpose that uses
# it (build, and test, fuzz or bench), or in the Depends/Pre-Depends closure of those
# (apt-cache depends --recurse; Recommends excluded since deps.sh installs without them).
# A word that names no installed command is not a command (prose, case labels): it is skipped,
# and listed with --verbose.
#
# Usage: scripts/check-deps.sh [--list FILE] [--save DIR | --reuse DIR] [--verbose]
#   --list FILE  check against FILE instead of scripts/packages.list (the self-test doctors a copy)
#   --save DIR   also keep what was found used, and the packages of its files, in DIR
#   --reuse DIR  check what a run with --save DIR found instead of scanning again: only the allowed
#                packages differ between the self-test's runs, and the scan is most of the time
set -euo pipefail
cd "$(dirname "$0")/.."
verbose=0 save="" reuse=""
while [ $# -gt 0 ]; do
  case $1 in
    --list) export PACKAGES_LIST=$2; shift 2 ;;
    --save) save=$2; shift 2 ;;
    --reuse) reuse=$2; shift 2 ;;
    --verbose) verbose=1; shift ;;
    *) echo "usage: scripts/check-deps.sh [--list FILE] [--save DIR | --reuse DIR] [--verbose]" >&2; exit 2 ;;
  esac
done
. scripts/packages.sh
root=$(pwd -P)
[ -x build-asan/gonghui ] || { echo "check-deps: build-asan/gonghui is missing: run make build-asan first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- what may be used: base system + the closure of each purpose's list ---------------------
dpkg-query -W -f='${Package} ${Essential} ${Priority}\n' |
  awk '$2 == "yes" || $3 == "required" { print $1 }' | sort -u >"$work/base"
closure() {  # purpose → sorted package names
  local pkgs
  mapfile -t pkgs < <(packages_for "$1")
  { cat "$work/base"; printf '%s\n' "${pkgs[@]}"
    apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts \
      --no-breaks --no-replaces --no-enhances "${pkgs[@]}" 2>/dev/null | grep -v '^[ <]'
  } | sed 's/:.*//' | sort -u
}
for purpose in build test fuzz bench; do closure "$purpose" >"$work/allowed.$purpose"; done

# --- what is used: "purpose<TAB>kind<TAB>where<TAB>file" ----------------------------------
if [ -n "$reuse" ]; then  # what an earlier run with --save found, and the packages of its files
  cp "$reuse/files" "$reuse/owners" "$work/"
else  # the scan, to the matching fi below
used="$work/used"
: >"$used"
build_purpose() {  # a depfile's or binary's path → its purpose
  case $1 in
    build-fuzz/*) echo fuzz ;;
    *_tests* | *gonghui_tests*) echo test ;;
    *bench*) echo bench ;;
    *) echo build ;;
  esac
}
for dir in build-asan build build-fuzz; do
  [ -d "$dir" ] || continue
  while IFS= read -r -d '' dep; do
    purpose=$(build_purpose "$dep")
    tr ' \\' '\n\n' <"$dep" | grep '^/' | grep -v "^$root/" |
      awk -v p="$purpose" -v w="$dep" '{ print p "\theader\t" w "\t" $0 }' >>"$used"
  done < <(find "$dir" -name '*.o.d' -print0)
  while IFS= read -r -d '' bin; do
    cmp -s -n 4 "$bin" <(printf '\177ELF') || continue
    purpose=$(build_purpose "$bin")
    ldd "$bin" 2>/dev/null | awk -v p="$purpose" -v w="$bin" '$2 == "=>" && $3 ~ /^\// { print p "\tlibrary\t" w "\t" $3 }
                                                             $1 ~ /^\// { print p "\tlibrary\t" w "\t" $1 }' >>"$used"
  done < <(find "$dir" -maxdepth 2 -type f -perm -u+x ! -name '*.so' ! -name '*.sh' -print0)
done

# Commands. A script's purpose follows from where it lives; a Makefile recipe's from its target.
script_purpose() {
  case $1 in
    scripts/deps.sh | scripts/packages.sh | scripts/check-deps.sh) echo build ;;
    scripts/fuzz* | fuzz/*) echo fuzz ;;
    bench/*) echo bench ;;
    *) echo test ;;
  esac
}
mapfile -t sources < <(git ls-files 'scripts/*' 'tests/*' 'bench/*' 'fuzz/*.sh' 'web/e2e/*' '.ci/*' | grep -v '\.list$')
# Shell: every word in command position, after assignments and wrappers (sudo, env, exec, xargs…).
read -r -d '' SHELL_WORDS <<'AWK' || true
function emit(word) {
  gsub(/^[@+-]+/, "", word)                                   # Makefile recipe prefixes
  if (word ~ /^[A-Za-z0-9_][A-Za-z0-9_.+\/-]*$/) print purpose "\tcommand\t" FILENAME ":" FNR "\t" word
}
function segment(s,    n, w, i, skip) {
  n = split(s, w, /[ \t]+/)
  skip = 0
  for (i = 1; i <= n; i++) {
    if (w[i] == "") continue
    if (skip > 0) { skip--; continue }
    if (w[i] ~ /^[A-Za-z_][A-Za-z0-9_]*=/ || w[i] ~ /^(if|then|do|else|elif|while|until|time|!|Q)$/ || w[i] ~ /^\$/) continue
    if (w[i] ~ /^(sudo|exec|nohup|nice|builtin|command|env|--)$/) continue
    if (w[i] ~ /^-/ && i > 1 && w[i - 1] ~ /^(command|env|sudo|nice|nohup)$/) continue
    if (w[i] == "timeout") { skip = 1; continue }
    if (w[i] == "runuser") { while (i < n && w[i + 1] != "--") i++; continue }
    if (w[i] == "xargs") { emit("xargs"); while (i < n && w[i + 1] ~ /^-/) { i++; if (w[i] ~ /^-[PnILds]$/) i++ }; continue }
    emit(w[i]); return
  }
}
function line(s,    t, m, parts, n, i, rest) {
  t = s
  # RSTART and RLENGTH are global: keep the rest before the recursive call moves them.
  while (match(t, /(bash|sh) -c '[^']*'/)) { m = substr(t, RSTART, RLENGTH); rest = substr(t, RSTART + RLENGTH); sub(/^(bash|sh) -c '/, "", m); sub(/'$/, "", m); outer = 0; line(m); outer = 1; t = rest }
  t = s
  while (match(t, /\$\([ \t]*[A-Za-z0-9_.\/+-]+/)) { m = substr(t, RSTART + 2, RLENGTH - 2); gsub(/[ \t]/, "", m); emit(m); t = substr(t, RSTART + RLENGTH) }
  t = s
  while (match(t, /\$\{?[A-Za-z_][A-Za-z0-9_]*\}?\/[A-Za-z][A-Za-z0-9_+-]*/)) { m = substr(t, RSTART, RLENGTH); sub(/.*\//, "", m); emit(m); t = substr(t, RSTART + RLENGTH) }
  gsub(/'[^']*'/, " Q ", s)
  gsub(/"([^"\\]|\\.)*"/, " Q ", s)
  sub(/(^|[ \t])#.*$/, "", s)
  if (index(s, "'") > 0) { s = substr(s, 1, index(s, "'") - 1); if (outer) inq = 1 }  # opens a quote the next lines close
  gsub(/&&|\|\||[|;&(){}`]/, "\n", s)
  n = split(s, parts, "\n")
  for (i = 1; i <= n; i++) segment(parts[i])
}
FNR == 1 { target = ""; cont = ""; inq = 0; heredoc = "" }
heredoc != "" { if ($0 == heredoc) heredoc = ""; next }  # the body of <<'END' is text, not commands
{
  text = cont $0
  if (text ~ /\\$/) { cont = substr(text, 1, length(text) - 1) " "; next }
  cont = ""
  # Inside a single-quoted string that spans lines (an awk or SQL program): skip to its end.
  if (inq) { if (index(text, "'") == 0) next; text = "Q " substr(text, index(text, "'") + 1); inq = 0 }
  if (text ~ /^[ \t]*#/) next                                 # a comment line
  if (match(text, /<<-?'[A-Za-z_]+'/)) { heredoc = substr(text, RSTART, RLENGTH); sub(/^<<-?'/, "", heredoc); sub(/'$/, "", heredoc) }
  if (makefile) {
    if (text ~ /^[A-Za-z0-9_.-]+:/) { target = text; sub(/:.*/, "", target); next }
    if (text !~ /^\t/) next
    purpose = (target ~ /^(bench)$/) ? "bench" : (target ~ /^(fuzz|build-fuzz)$/) ? "fuzz" : \
              (target ~ /^(test|unit|lint|build-asan)$/) ? "test" : "build"
  }
  outer = 1; line(text)
}
AWK
for f in "${sources[@]}"; do
  case $f in
    *.sh | .ci/*) awk -v purpose="$(script_purpose "$f")" -v makefile=0 "$SHELL_WORDS" "$f" >>"$used" ;;
    *.mjs | *.js | *.ts)
      p=$(script_purpose "$f")
      grep -noP "\b(run|spawn|spawnSync|execFile|execFileSync)\(\s*['\"\`]\K[A-Za-z0-9_./+-]+" "$f" |
        awk -F: -v p="$p" -v f="$f" '{ print p "\tcommand\t" f ":" $1 "\t" $2 }' >>"$used" || true
      grep -noP "executablePath:\s*['\"]\K[^'\"]+" "$f" |
        awk -F: -v p="$p" -v f="$f" '{ print p "\tcommand\t" f ":" $1 "\t" $2 }' >>"$used" || true ;;
  esac
done
awk -v purpose=build -v makefile=1 "$SHELL_WORDS" Makefile >>"$used"

# --- resolve commands to files, files to packages -----------------------------------------
# The system's directories first: a program that only /usr/local or a home directory has was
# installed by hand (a symbolic link there to a packaged file counts as such too, see owners).
search_path="/usr/bin:/bin:/usr/sbin:/sbin:$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tr '\n' ':')$PATH"
builtins=" $(compgen -b | tr '\n' ' ') $(compgen -k | tr '\n' ' ') "
declare -A resolved
resolve() {  # command word → absolute path of an installed program outside the repository, or ""
  local w=$1 p
  [ -n "${resolved[$w]+x}" ] && { printf '%s' "${resolved[$w]}"; return; }
  p=""
  if [[ $w == /* ]]; then
    [ -x "$w" ] && p=$w
  elif [[ $w != */* && $builtins != *" $w "* ]]; then
    p=$(PATH=$search_path type -P "$w" 2>/dev/null || true)
  fi
  [[ $p == "$root"/* ]] && p=""
  resolved[$w]=$p
  printf '%s' "$p"
}
# One line per (purpose, kind, file), naming the first place that uses it.
sort -t $'\t' -k1,1 -k2,2 -k4,4 -u "$used" | while IFS=$'\t' read -r purpose kind where file; do
  if [ "$kind" = command ]; then
    path=$(resolve "$file")
    if [ -z "$path" ]; then
      [ $verbose -eq 1 ] && echo "check-deps: not a command here: $file ($where)" >&2
      continue
    fi
    file=$path
  fi
  printf '%s\t%s\t%s\t%s\n' "$purpose" "$kind" "$where" "$file"
done | sort -t $'\t' -k1,1 -k2,2 -k4,4 -u >"$work/files"

# dpkg -S knows a file by the path its package ships; with merged /usr that may be the /lib or the
# /usr/lib spelling, or the target of a symbolic link. The file lists of /var/lib/dpkg/info are read
# once instead (a dpkg -S per file took minutes). Prints "file<TAB>pkg pkg…" per file; no package
# for a path under /usr/local, /opt or a home directory, which was installed by hand.
owners() {  # paths (one per line) → owners
  local paths
  paths=$(mktemp -p "$work")
  cat >"$paths"
  xargs -r -d '\n' realpath -m -- <"$paths" | paste "$paths" - |
    awk -F'\t' '
      FILENAME == "-" {
        order[++n] = $1
        if ($1 ~ /^\/(usr\/local|opt|home|root)\//) next
        cand[$1, 1] = $1; cand[$1, 2] = $2; c = $1; sub(/^\/usr/, "", c); cand[$1, 3] = c; cand[$1, 4] = "/usr" $1
        for (i = 1; i <= 4; i++) want[cand[$1, i]] = 1
        next
      }
      $0 in want {
        pk = FILENAME; sub(/.*\//, "", pk); sub(/\.list$/, "", pk); sub(/:.*/, "", pk)
        if (index(" " by[$0] " ", " " pk " ") == 0) by[$0] = by[$0] (by[$0] == "" ? "" : " ") pk
      }
      END {
        for (k = 1; k <= n; k++) {
          f = order[k]; pk = ""
          for (i = 1; i <= 4 && pk == ""; i++) if ((f, i) in cand) pk = by[cand[f, i]]
          print f "\t" pk
        }
      }' - /var/lib/dpkg/info/*.list
}
cut -f4 "$work/files" | sort -u | owners >"$work/owners"
if [ -n "$save" ]; then mkdir -p "$save" && cp "$work/files" "$work/owners" "$save/"; fi
fi  # the scan

# The verdict, in one pass: a file is fine when one of its packages is allowed for its purpose.
problems=$(awk -F'\t' -v list="$PACKAGES_LIST" -v root="$root" '
  FILENAME ~ /allowed\./ { p = FILENAME; sub(/.*allowed\./, "", p); allowed[p, $1] = 1; next }
  FILENAME ~ /owners$/ { owner[$1] = $2; next }
  {
    purpose = $1; kind = $2; where = $3; file = $4; pk = owner[file]
    if (pk == "") {
      if (kind == "header" && file !~ /^\/usr\//) next   # generated outside the tree, no package
      printf "check-deps: %s uses %s %s, which no Debian package provides (installed by hand?)\n", where, kind, file > "/dev/stderr"
      bad++; next
    }
    n = split(pk, pks, " "); ok = 0
    for (i = 1; i <= n; i++) if ((purpose, pks[i]) in allowed) ok = 1
    if (ok) next
    key = purpose SUBSEP pk SUBSEP kind
    if (kind == "header") { if (!(key in first)) { first[key] = file; at[key] = where; order[++keys] = key }; count[key]++; next }
    what = kind == "library" ? "loads library " file : "runs " file
    printf "check-deps: %s %s: package %s is not in %s for %s, nor pulled in by it\n", where, what, pk, list, purpose > "/dev/stderr"
    bad++
  }
  END {
    for (k = 1; k <= keys; k++) {
      split(order[k], part, SUBSEP)
      printf "check-deps: %s reads header %s (%d header(s) of package %s): package %s is not in %s for %s, nor pulled in by it\n",
        at[order[k]], first[order[k]], count[order[k]], part[2], part[2], list, part[1] > "/dev/stderr"
      bad++
    }
    print bad + 0
  }' "$work"/allowed.* "$work/owners" "$work/files")

if [ $verbose -eq 1 ]; then  # the commands found and their packages
  awk -F'\t' 'FILENAME ~ /owners$/ { owner[$1] = $2; next } $2 == "command" { printf "check-deps: %s %s runs %s (%s)\n", $1, $3, $4, owner[$4] }' \
    "$work/owners" "$work/files" >&2
fi
counts=$(cut -f2,4 "$work/files" | sort -u | cut -f1 | sort | uniq -c |
  awk '{ printf "%s%d %s", sep, $1, $2 == "library" ? "libraries" : $2 "s"; sep = ", " }')
if [ "$problems" -gt 0 ]; then
  echo "check-deps: $problems problem(s); add the packages above to $PACKAGES_LIST (checked: $counts)" >&2
  exit 1
fi
echo "check-deps: ok — every one of $counts comes from a package of $PACKAGES_LIST or the base system"
