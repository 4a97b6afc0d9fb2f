// Reads the Thrift compact footer and page headers into the structs of metadata.h: the fields
// a reader of fraudgen's files needs; other fields are skipped.
#pragma once
#include <string_view>

#include "fraudgen/format/parquet/metadata.h"

namespace fraudgen::parquet {

FileMetaData read_file_metadata(std::string_view footer);
// Reads one page header from the start of `bytes`; `header_size` receives its length.
PageHeader read_page_header(std::string_view bytes, size_t& header_size);

}  // namespace fraudgen::parquet
