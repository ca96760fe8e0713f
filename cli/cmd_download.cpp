// autoclass download REPO_ID [--revision R] [--all] [--local-files-only]
// Honours HF_ENDPOINT, HF_HOME, HF_HUB_CACHE, HF_HUB_OFFLINE, HF_TOKEN; prints the snapshot folder last.
#include <iostream>

#include "cli/commands.h"
#include "runtime/hub/hub.h"

namespace autoclass::cli {
namespace {

int run_download(const Args& args) {
  args.expect_positionals(1, 1);
  const std::string repo = args.positional(0, "REPO_ID");
  if (!is_repo_id(repo)) throw UsageError("'" + repo + "' is not a valid Hub repo id (\"org/name\")");
  HubOptions opts;
  opts.revision = args.value_or("--revision", "");
  opts.local_files_only = args.has("--local-files-only");
  std::filesystem::path folder;
  if (args.has("--all")) {
    folder = snapshot_download(repo, {}, opts);
  } else {
    std::vector<std::string> files = default_model_files();
    folder = resolve_model_folder(repo, files, opts);
  }
  std::cout << folder.string() << "\n";
  return 0;
}

}  // namespace

Command download_command() {
  return {{"download", "autoclass download REPO_ID [--revision R] [--all] [--local-files-only]",
           "Download what from_pretrained needs (config, tokenizer files, weights) into the huggingface_hub cache.",
           {{"--revision", true, "branch, tag, commit or refs/pr/N (default main)"},
            {"--all", false, "every file of the repo, not only what a model needs"},
            {"--local-files-only", false, "resolve from the cache only (like HF_HUB_OFFLINE=1)"}}},
          run_download};
}

}  // namespace autoclass::cli
