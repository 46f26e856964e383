#!/usr/bin/env bash
# Assembles a git repository of real source code in the twelve languages code_analysis parses, for
# `npm run bench -- <dir>`. Everything comes from a Debian machine: files already installed (Python's
# stdlib, C and C++ headers, a JDK's src.zip, this repository's node_modules) and Debian packages that
# are downloaded and unpacked into a cache when missing (nothing is installed system-wide).
#
# Usage: scripts/bench/make-multilang-repo.sh <dir>
#   BENCH_BYTES_PER_LANGUAGE  bytes of source per language (default 3000000)
#   BENCH_CACHE_DIR           where downloaded packages are unpacked (default ~/.cache/repolens-bench)
# The same machine and packages give the same repository: files are picked in sorted path order.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 <dir>" >&2
  exit 2
fi

TARGET=$1
BUDGET=${BENCH_BYTES_PER_LANGUAGE:-3000000}
# The bench reads files up to 1 MB; bigger ones would only be skipped.
MAX_FILE_BYTES=900000
CACHE=${BENCH_CACHE_DIR:-${HOME}/.cache/repolens-bench}
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

if [[ -e "$TARGET" && -n "$(ls -A "$TARGET" 2>/dev/null)" ]]; then
  echo "$TARGET exists and is not empty" >&2
  exit 1
fi
mkdir -p "$TARGET" "$CACHE"
TARGET=$(cd "$TARGET" && pwd)

log() { echo "make-multilang-repo: $*" >&2; }

# list_files <root> <find-expression...>: "size path" lines, sorted by path, for files under the size cap.
list_files() {
  local root=$1
  shift
  (cd "$root" && find . -type f \( "$@" \) -size -"${MAX_FILE_BYTES}"c -printf '%s %P\n' | LC_ALL=C sort -k2)
}

# copy_sources <language-dir> <source-root> <find-expression...>
# Copies matching files under source-root, sorted by path, until the language has BUDGET bytes.
# Paths keep their layout below <language-dir>/<name of source-root>.
copy_sources() {
  local language=$1 root=$2
  shift 2
  if [[ ! -d "$root" ]]; then
    log "$language: $root is missing, skipped"
    return
  fi
  local dest="$TARGET/$language/$(basename "$root")"
  local used
  used=$(du -sb "$TARGET/$language" 2>/dev/null | cut -f1 || echo 0)
  while read -r size relative; do
    if (( used + size > BUDGET )); then continue; fi
    mkdir -p "$dest/$(dirname "$relative")"
    cp "$root/$relative" "$dest/$relative"
    used=$(( used + size ))
  done < <(list_files "$root" "$@")
}

# copy_cxx_headers <source-root>: the C++ standard headers, as a C++ project would name them. The
# public headers have no extension and get .hpp; internal .h headers become .hpp; .tcc stays.
copy_cxx_headers() {
  local root=$1
  [[ -d "$root" ]] || { log "cpp: $root is missing, skipped"; return; }
  local dest="$TARGET/cpp/$(basename "$root")" used=0 renamed
  while read -r size relative; do
    if (( used + size > BUDGET )); then continue; fi
    case "$(basename "$relative")" in
      *.tcc) renamed=$relative ;;
      *.h) renamed=${relative%.h}.hpp ;;
      *.*) continue ;;
      *) renamed=$relative.hpp ;;
    esac
    mkdir -p "$dest/$(dirname "$renamed")"
    cp "$root/$relative" "$dest/$renamed"
    used=$(( used + size ))
  done < <(list_files "$root" -path '*' -not -path './*/*-linux-gnu/*')
}

# unpack_deb <package>: downloads a Debian binary package and unpacks it under the cache; prints the root.
unpack_deb() {
  local package=$1 root="$CACHE/deb/$1"
  if [[ ! -d "$root" ]]; then
    local work
    work=$(mktemp -d)
    log "downloading $package"
    (cd "$work" && apt-get download "$package" >&2)
    mkdir -p "$root"
    dpkg-deb -x "$work"/*.deb "$root"
    rm -rf "$work"
  fi
  echo "$root"
}

# unpack_source <source-package>: downloads a Debian source package's upstream tarball; prints the root.
# deb-src lists are fetched into the cache with a private apt configuration, so the machine's apt
# sources stay as they are.
unpack_source() {
  local package=$1 root="$CACHE/src/$1"
  if [[ ! -d "$root" ]]; then
    local apt="$CACHE/apt"
    mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$root"
    local suite
    suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
    echo "deb-src http://deb.debian.org/debian $suite main" >"$apt/sources.list"
    local options=(-o "Dir::Etc::SourceList=$apt/sources.list" -o "Dir::Etc::SourceParts=/nonexistent"
      -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache")
    [[ -n "$(ls "$apt/lists" | grep -v partial || true)" ]] || apt-get "${options[@]}" update >&2
    local work
    work=$(mktemp -d)
    log "downloading the source of $package"
    # Only the upstream tarball is needed; a missing Debian patch tarball is not an error here.
    (cd "$work" && apt-get "${options[@]}" source --download-only "$package" >&2) || true
    tar -xf "$work"/*.orig.tar.* -C "$root"
    rm -rf "$work"
  fi
  echo "$root"
}

log "Python"
PYTHON_LIB=$(ls -d /usr/lib/python3.* 2>/dev/null | sort -V | tail -1 || true)
copy_sources python "${PYTHON_LIB:-/usr/lib/python3}" -name '*.py' -not -path '*/site-packages/*' -not -path '*/dist-packages/*'

log "C"
copy_sources c /usr/include -name '*.h' -not -path './c++/*' -not -path './*c++*' -not -path './node/*'

log "C++"
CXX_INCLUDE=$(ls -d /usr/include/c++/* 2>/dev/null | sort -V | tail -1 || true)
copy_cxx_headers "${CXX_INCLUDE:-/usr/include/c++}"

log "Java"
JDK_SRC=
for candidate in /usr/lib/jvm/*/lib/src.zip; do
  if [[ -f "$candidate" ]]; then JDK_SRC=$candidate; break; fi
done
if [[ -z "$JDK_SRC" ]]; then
  JDK_SRC=$(ls "$(unpack_deb openjdk-17-source)"/usr/lib/jvm/*/lib/src.zip | head -1)
fi
mkdir -p "$CACHE/jdk"
[[ -d "$CACHE/jdk/java.base" ]] || unzip -q -o "$JDK_SRC" 'java.base/java/*' -d "$CACHE/jdk"
copy_sources java "$CACHE/jdk/java.base" -name '*.java'

log "Go"
GO_SRC=$(go env GOROOT 2>/dev/null || true)
if [[ -z "$GO_SRC" || ! -d "$GO_SRC/src" ]]; then
  GO_SRC=$(ls -d "$(unpack_deb golang-1.19-src)"/usr/share/go-*/ | head -1)
fi
copy_sources go "${GO_SRC%/}/src" -name '*.go' -not -path '*/testdata/*' -not -path './vendor/*' -not -path './cmd/vendor/*'

log "Rust"
RUST_LIBRARY=$(ls -d "$(rustc --print sysroot 2>/dev/null || echo /nonexistent)"/lib/rustlib/src/rust/library 2>/dev/null || true)
if [[ -z "$RUST_LIBRARY" ]]; then
  RUST_LIBRARY=$(ls -d "$(unpack_deb rust-src)"/usr/src/rustc-*/library | head -1)
fi
copy_sources rust "$RUST_LIBRARY" -name '*.rs' -not -path '*/tests/*' -not -path '*/benches/*'

log "Ruby"
RUBY_LIB=$(ruby -e 'print RbConfig::CONFIG["rubylibdir"]' 2>/dev/null || true)
if [[ -z "$RUBY_LIB" ]]; then
  RUBY_LIB=$(ls -d "$(unpack_deb libruby3.1)"/usr/lib/ruby/3.* | head -1)
fi
copy_sources ruby "$RUBY_LIB" -name '*.rb'

log "PHP"
copy_sources php "$(unpack_deb php-pear)/usr/share/php" -name '*.php'
for package in php-symfony-console php-twig php-guzzlehttp-psr7; do
  root=$(unpack_deb "$package" 2>/dev/null || true)
  [[ -n "$root" && -d "$root/usr/share/php" ]] && copy_sources php "$root/usr/share/php" -name '*.php'
done

log "C#"
CSHARP=$(unpack_source dnlib)
copy_sources csharp "$CSHARP" -name '*.cs'

log "TypeScript, TSX and JavaScript"
NODE_MODULES="$REPO_ROOT/node_modules"
for package in zod ajv onnxruntime-web onnxruntime-common flatbuffers; do
  copy_sources typescript "$NODE_MODULES/$package" -name '*.ts' -not -name '*.d.ts'
done
copy_sources tsx "$REPO_ROOT/apps" -name '*.tsx' -not -path '*/node_modules/*' -not -path '*/dist/*'
copy_sources tsx "$NODE_MODULES" -name '*.tsx'
# Library code only: minified bundles would be classified as generated and not analysed.
for package in fastify pino ioredis bullmq pg simple-git ajv marked zod; do
  copy_sources javascript "$NODE_MODULES/$package" -name '*.js' -not -name '*.min.js' -not -path '*/dist/*' -not -path '*/node_modules/*'
done

cd "$TARGET"
git init --quiet --initial-branch=main
git add --all
git -c user.name=bench -c user.email=bench@example.com commit --quiet -m 'Multi-language benchmark sources'
log "done: $TARGET"
for language in "$TARGET"/*/; do
  printf '%-12s %6s files %10s bytes\n' "$(basename "$language")" \
    "$(find "$language" -type f | wc -l)" "$(du -sb --apparent-size "$language" | cut -f1)"
done
