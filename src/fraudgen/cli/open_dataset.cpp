#include "fraudgen/cli/open_dataset.h"

#include "fraudgen/cli/commands.h"
#include "fraudgen/validate/dataset.h"
#include "fraudgen/validate/s3_dataset_store.h"

namespace fraudgen {

std::shared_ptr<validate::DatasetStore> open_dataset(const std::string& where, const S3Flags& s3) {
  try {
    if (is_object_store_url(where)) {
      const S3Target t = s3.resolve(where, "DIR");
      return validate::open_s3_store(t.location, t.options, t.credentials);
    }
    if (where.find("://") != std::string::npos)
      throw UsageError("'" + where + "' uses a scheme fraudgen does not read; accepted: a local folder, s3://bucket/prefix "
                       "or minio://bucket/prefix");
    s3.refuse_for_local("dataset");
    return validate::open_local_store(where);
  } catch (const validate::DatasetError& e) {
    throw UsageError(e.what());
  }
}

}  // namespace fraudgen
