#include "fraudgen/cli/spill_folder.h"

#include <cstdlib>
#include <stdexcept>
#include <system_error>

#include "fraudgen/cli/commands.h"
#include "fraudgen/core/scratch_file.h"

namespace fraudgen {

std::filesystem::path resolve_spill_folder(const std::string& given, const std::string& needs) {
  std::string folder = given;
  if (folder.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    folder = tmp && *tmp ? tmp : "/tmp";
  }
  const std::string accepted = "; accepted: an existing folder you can write, with room for " + needs;
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) throw UsageError("--spill-dir '" + folder + "' is not a folder" + accepted);
  try {
    ScratchFile probe(folder);  // gone when closed: nothing is left behind
  } catch (const ScratchFileError& e) {
    throw UsageError("--spill-dir '" + folder + "' cannot hold a temporary file (" + e.reason + ")" + accepted);
  }
  return folder;
}

}  // namespace fraudgen
