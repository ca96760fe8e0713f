// autoclass_codegen: validates schemas/ and writes generated/ (typed configs, mapping tables, docs).
//
//   autoclass_codegen --schemas DIR --out DIR [--prune]   write (only files whose contents changed)
//   autoclass_codegen --schemas DIR --check DIR            compare with DIR; exit 1 and show diffs if stale
//
// Exit codes: 0 ok, 1 invalid schemas or stale output, 2 usage / I/O error.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>

#include "codegen/emit.h"
#include "codegen/schema_loader.h"
#include "runtime/core/error.h"

namespace fs = std::filesystem;
using namespace autoclass::codegen;

namespace {
int usage(const char* why) {
  std::cerr << "autoclass_codegen: " << why << "\n"
            << "usage: autoclass_codegen --schemas DIR (--out DIR [--prune] | --check DIR) [--quiet]\n";
  return 2;
}
}  // namespace

int main(int argc, char** argv) {
  fs::path schemas, out_dir, check_dir;
  bool prune = false, quiet = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&](fs::path& p) {
      if (i + 1 >= argc) return false;
      p = argv[++i];
      return true;
    };
    if (a == "--schemas") {
      if (!next(schemas)) return usage("--schemas needs a directory");
    } else if (a == "--out") {
      if (!next(out_dir)) return usage("--out needs a directory");
    } else if (a == "--check") {
      if (!next(check_dir)) return usage("--check needs a directory");
    } else if (a == "--prune") {
      prune = true;
    } else if (a == "--quiet") {
      quiet = true;
    } else if (a == "--help" || a == "-h") {
      usage("help");
      return 0;
    } else {
      return usage(("unknown argument '" + a + "'").c_str());
    }
  }
  if (schemas.empty() || (out_dir.empty() == check_dir.empty())) return usage("give --schemas and one of --out / --check");

  const auto t0 = std::chrono::steady_clock::now();
  try {
    Diagnostics diag;
    // Messages name files as schemas/<file>, relative to the repo, whatever the absolute path.
    const SchemaSet set = load_schemas(schemas, schemas.filename().empty() ? "schemas" : schemas.filename().string(), diag);
    if (!diag.ok()) {
      for (const auto& e : diag.errors()) std::cerr << e << "\n";
      std::cerr << "autoclass_codegen: " << diag.errors().size() << " schema error(s); nothing was generated\n";
      return 1;
    }
    OutputSet output;
    emit_configs(set, output);
    emit_tables(set, output);
    emit_docs(set, output);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!check_dir.empty()) {
      const int diffs = output.check(check_dir, std::cout);
      if (diffs) {
        std::cout << check_dir.string() << " is stale: " << diffs
                  << " file(s) differ from what schemas/ generates.\nRun `cmake --build <build> --target update-generated` "
                     "and commit generated/.\n";
        return 1;
      }
      if (!quiet) std::cout << check_dir.string() << " is up to date (" << output.files().size() << " files)\n";
      return 0;
    }
    const int written = output.write(out_dir, prune, std::cerr);
    if (!quiet)
      std::cout << "autoclass_codegen: " << set.models.size() << " model types, " << set.auto_classes.size()
                << " Auto classes, " << set.families.size() << " kernel families -> " << output.files().size()
                << " files (" << written << " changed) in " << static_cast<int>(ms) << " ms\n";
    return 0;
  } catch (const autoclass::Error& e) {
    std::cerr << "autoclass_codegen: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "autoclass_codegen: internal error: " << e.what() << "\n";
    return 2;
  }
}
