#!/usr/bin/env bash
# Builds libzkinfer_native.so with CMake into the module's classes, beside its SHA-256, for
# NativeLibraryLoader to find on the class path. Called by Maven (exec-maven-plugin, compile phase):
#   build-native.sh <source dir> <build dir> <classes dir> <java home>
# Without cmake or a C compiler, or on another platform, it says so and exits 0: the jar then carries
# no library and the pure-Java kernel backend does the work. A compile error fails the build.
set -euo pipefail

src="$1"
build="$2"
classes="$3"
java_home="${4:-}"
resource_dir="$classes/io/zkinfer/kernels/cpu/linux-x86_64"
say() { echo "[zkinfer-native] $*"; }

if [[ "$(uname -s)" != "Linux" || "$(uname -m)" != "x86_64" ]]; then
  say "skipping the native CPU kernels: only linux-x86_64 is built ($(uname -s)-$(uname -m) here); the Java backend remains"
  exit 0
fi
if ! command -v cmake >/dev/null 2>&1; then
  say "skipping the native CPU kernels: cmake not found on PATH; the Java backend remains"
  exit 0
fi
if ! command -v "${CC:-cc}" >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1 && ! command -v clang >/dev/null 2>&1; then
  say "skipping the native CPU kernels: no C compiler (cc, gcc or clang) found; the Java backend remains"
  exit 0
fi
if [[ -n "$java_home" && ! -f "$java_home/include/jni.h" ]]; then
  say "skipping the native CPU kernels: no JNI headers under $java_home/include (a JRE, not a JDK?); the Java backend remains"
  exit 0
fi

cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DZK_JAVA_HOME="$java_home" >"$build.log" 2>&1 \
  || { cat "$build.log"; say "cmake configure failed (see above)"; exit 1; }
cmake --build "$build" --parallel 2 >>"$build.log" 2>&1 \
  || { cat "$build.log"; say "the native CPU kernels failed to compile (see above)"; exit 1; }
mkdir -p "$resource_dir"
cp "$build/libzkinfer_native.so" "$resource_dir/libzkinfer_native.so"
(cd "$resource_dir" && sha256sum libzkinfer_native.so | cut -d' ' -f1 > libzkinfer_native.so.sha256)
say "built $(basename "$resource_dir")/libzkinfer_native.so (sha256 $(cat "$resource_dir/libzkinfer_native.so.sha256"))"
