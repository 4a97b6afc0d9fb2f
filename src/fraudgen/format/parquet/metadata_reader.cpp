#include "fraudgen/format/parquet/metadata_reader.h"

#include "fraudgen/format/parquet/thrift_compact_reader.h"

// Each read_*() expects the reader just inside the struct (after struct_begin()) and consumes
// its fields up to the stop byte.
namespace fraudgen::parquet {
namespace {

// Calls `on_field(id, type)` for every field; it returns false for fields it does not read.
template <typename OnField>
void read_fields(CompactReader& r, OnField on_field) {
  int16_t id;
  CompactType type;
  while (r.next_field(id, type))
    if (!on_field(id, type)) r.skip(type);
}

template <typename T, typename ReadOne>
std::vector<T> read_struct_list(CompactReader& r, ReadOne read_one) {
  CompactType elem;
  uint32_t n = r.list_begin(elem);
  if (n && elem != CompactType::Struct) throw ThriftError("expected a list of structs");
  std::vector<T> out(n);
  for (auto& item : out) {
    r.struct_begin();
    read_one(item);
    r.struct_end();
  }
  return out;
}

SchemaElement read_schema_element(CompactReader& r) {
  SchemaElement e;
  read_fields(r, [&](int16_t id, CompactType) {
    switch (id) {
      case 1: e.type = static_cast<Type>(r.read_i32()); return true;
      case 2: e.type_length = r.read_i32(); return true;
      case 3: e.repetition_type = static_cast<FieldRepetitionType>(r.read_i32()); return true;
      case 4: e.name = std::string(r.read_binary()); return true;
      case 5: e.num_children = r.read_i32(); return true;
      case 6: e.converted_type = static_cast<ConvertedType>(r.read_i32()); return true;
      case 7: e.scale = r.read_i32(); return true;
      case 8: e.precision = r.read_i32(); return true;
      default: return false;
    }
  });
  return e;
}

ColumnMetaData read_column_metadata(CompactReader& r) {
  ColumnMetaData m;
  read_fields(r, [&](int16_t id, CompactType) {
    switch (id) {
      case 1: m.type = static_cast<Type>(r.read_i32()); return true;
      case 3: {
        CompactType elem;
        uint32_t n = r.list_begin(elem);
        for (uint32_t i = 0; i < n; ++i) m.path_in_schema.emplace_back(r.read_binary());
        return true;
      }
      case 4: m.codec = static_cast<CompressionCodec>(r.read_i32()); return true;
      case 5: m.num_values = r.read_i64(); return true;
      case 6: m.total_uncompressed_size = r.read_i64(); return true;
      case 7: m.total_compressed_size = r.read_i64(); return true;
      case 9: m.data_page_offset = r.read_i64(); return true;
      case 11: m.dictionary_page_offset = r.read_i64(); return true;
      default: return false;
    }
  });
  return m;
}

RowGroup read_row_group(CompactReader& r) {
  RowGroup g;
  read_fields(r, [&](int16_t id, CompactType) {
    switch (id) {
      case 1:
        g.columns = read_struct_list<ColumnChunk>(r, [&](ColumnChunk& c) {
          read_fields(r, [&](int16_t cid, CompactType) {
            if (cid != 3) return false;
            r.struct_begin();
            c.meta_data = read_column_metadata(r);
            r.struct_end();
            return true;
          });
        });
        return true;
      case 2: g.total_byte_size = r.read_i64(); return true;
      case 3: g.num_rows = r.read_i64(); return true;
      default: return false;
    }
  });
  return g;
}

DataPageHeader read_data_page_header(CompactReader& r) {
  DataPageHeader h;
  read_fields(r, [&](int16_t id, CompactType) {
    switch (id) {
      case 1: h.num_values = r.read_i32(); return true;
      case 2: h.encoding = static_cast<Encoding>(r.read_i32()); return true;
      case 3: h.definition_level_encoding = static_cast<Encoding>(r.read_i32()); return true;
      case 4: h.repetition_level_encoding = static_cast<Encoding>(r.read_i32()); return true;
      default: return false;
    }
  });
  return h;
}

DictionaryPageHeader read_dictionary_page_header(CompactReader& r) {
  DictionaryPageHeader h;
  read_fields(r, [&](int16_t id, CompactType) {
    switch (id) {
      case 1: h.num_values = r.read_i32(); return true;
      case 2: h.encoding = static_cast<Encoding>(r.read_i32()); return true;
      default: return false;
    }
  });
  return h;
}

// A struct-valued field: enter it, read it, leave it.
template <typename Read>
auto nested(CompactReader& r, Read read) {
  r.struct_begin();
  auto value = read(r);
  r.struct_end();
  return value;
}

}  // namespace

FileMetaData read_file_metadata(std::string_view footer) {
  CompactReader r(footer);
  FileMetaData md;
  r.struct_begin();
  read_fields(r, [&](int16_t id, CompactType) {
    switch (id) {
      case 1: md.version = r.read_i32(); return true;
      case 2: md.schema = read_struct_list<SchemaElement>(r, [&](SchemaElement& e) { e = read_schema_element(r); }); return true;
      case 3: md.num_rows = r.read_i64(); return true;
      case 4: md.row_groups = read_struct_list<RowGroup>(r, [&](RowGroup& g) { g = read_row_group(r); }); return true;
      case 6: md.created_by = std::string(r.read_binary()); return true;
      default: return false;
    }
  });
  r.struct_end();
  return md;
}

PageHeader read_page_header(std::string_view bytes, size_t& header_size) {
  CompactReader r(bytes);
  PageHeader h;
  r.struct_begin();
  read_fields(r, [&](int16_t id, CompactType) {
    switch (id) {
      case 1: h.type = static_cast<PageType>(r.read_i32()); return true;
      case 2: h.uncompressed_page_size = r.read_i32(); return true;
      case 3: h.compressed_page_size = r.read_i32(); return true;
      case 5: h.data_page_header = nested(r, read_data_page_header); return true;
      case 7: h.dictionary_page_header = nested(r, read_dictionary_page_header); return true;
      default: return false;
    }
  });
  r.struct_end();
  header_size = r.position();
  return h;
}

}  // namespace fraudgen::parquet
