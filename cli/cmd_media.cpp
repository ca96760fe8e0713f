// Vision and audio tasks: classify-image and transcribe (runtime/preprocess does the decoding and
// feature extraction exactly as HF's processors; the models come from the Auto classes).
#include <iostream>

#include "autoclass_selection.h"
#include "cli/commands.h"
#include "runtime/auto/auto_model.h"
#include "runtime/auto/model_files.h"
#include "runtime/config/auto_config.h"
#include "runtime/config/registry.h"
#if AUTOCLASS_WITH_MEDIA
#include "runtime/preprocess/auto_tokenizer_decoder.h"
#include "runtime/preprocess/image_processor.h"
#include "runtime/preprocess/pipelines.h"
#include "runtime/preprocess/processor.h"
#endif

namespace autoclass::cli {
namespace {
#if AUTOCLASS_WITH_MEDIA

std::vector<std::string> media_files() {
  std::vector<std::string> files = model_files();
  for (const auto& f : tokenizer_files()) files.push_back(f);
  files.push_back("preprocessor_config.json?");
  return files;
}

int run_classify_image(const Args& args) {
  args.expect_positionals(2, 2);
  const auto dir = resolve_pretrained(args.positional(0, "MODEL"), media_files(), LoadOptions{});
  const std::string image = args.positional(1, "IMAGE (png or jpeg)");
  const auto config = AutoConfig::from_pretrained(dir);
  const ImageProcessor processor = AutoImageProcessor::from_pretrained(dir);
  auto model = auto_model::from_pretrained("AutoModelForImageClassification", dir.string(), LoadOptions{});
  const auto results = classify_image(*model, *config, processor, image, static_cast<int>(args.int_value("--top-k", 5)));
  Json out = Json::array();
  for (const auto& r : results) out.push_back({{"label", r.label}, {"id", r.id}, {"score", r.score}});
  if (args.has("--json")) std::cout << json_line(out) << "\n";
  else
    for (const auto& r : results) std::cout << r.score << "\t" << r.label << "\n";
  return 0;
}

int run_transcribe(const Args& args) {
  args.expect_positionals(2, 2);
  const auto dir = resolve_pretrained(args.positional(0, "MODEL"), media_files(), LoadOptions{});
  const std::string audio = args.positional(1, "AUDIO (wav)");
  const auto config = AutoConfig::from_pretrained(dir);
  std::string auto_class;
  for (const char* candidate : {"AutoModelForCTC", "AutoModelForSpeechSeq2Seq"})
    if (!auto_mapping_for(candidate, config->model_type()).empty()) {
      auto_class = candidate;
      break;
    }
  if (auto_class.empty())
    throw Error(ErrorKind::kUnsupported, "model type '" + config->model_type() + "' is neither a CTC nor a speech seq2seq model");
  const Processor processor = AutoProcessor::from_pretrained(dir, auto_tokenizer_loader());
  auto model = auto_model::from_pretrained(auto_class, dir.string(), LoadOptions{});
  TranscribeOptions opts;
  opts.max_new_tokens = args.int_value("--max-new-tokens", opts.max_new_tokens);
  const std::string text = transcribe(*model, *config, processor, dir, audio, opts);
  if (args.has("--json")) std::cout << json_line(Json{{"text", text}}) << "\n";
  else std::cout << text << "\n";
  return 0;
}
#else
// A build whose AUTOCLASS_MODELS has no vision or audio model leaves out runtime/preprocess (and libpng,
// libjpeg, libsndfile): say so and how to get it back.
[[noreturn]] int media_not_compiled_in(const std::string& command, const std::string& example) {
  throw Error(ErrorKind::kNotCompiledIn,
              command + " needs image/audio preprocessing, which this binary was built without (AUTOCLASS_MODELS=\"" +
                  AUTOCLASS_MODELS_SELECTION + "\" has no vision or audio model); rebuild with -DAUTOCLASS_MODELS=\"" +
                  AUTOCLASS_MODELS_SELECTION + ";" + example + "\"");
}
int run_classify_image(const Args&) { media_not_compiled_in("classify-image", "vit"); }
int run_transcribe(const Args&) { media_not_compiled_in("transcribe", "whisper"); }
#endif

}  // namespace

Command classify_image_command() {
  return {{"classify-image", "autoclass classify-image MODEL IMAGE [--top-k K] [--json]",
           "Classify a PNG/JPEG image with AutoImageProcessor + AutoModelForImageClassification.",
           {{"--top-k", true, "labels to show (default 5)"}, {"--json", false, "machine-readable output"}}},
          run_classify_image};
}

Command transcribe_command() {
  return {{"transcribe", "autoclass transcribe MODEL AUDIO.wav [--max-new-tokens N] [--json]",
           "Speech to text with AutoProcessor + AutoModelForCTC (wav2vec2) or AutoModelForSpeechSeq2Seq (Whisper).",
           {{"--max-new-tokens", true, "seq2seq models (default 128)"}, {"--json", false, "print {\"text\": ...}"}}},
          run_transcribe};
}

}  // namespace autoclass::cli
