#include "fraudgen/format/parquet/metadata.h"

#include "fraudgen/format/parquet/thrift_compact.h"

// Each write_*_fields() writes the fields of one struct; the caller opens the struct (with
// struct_begin() for a list element or top-level value, field_struct_begin(id) for a field)
// and closes it with struct_end().
namespace fraudgen::parquet {
namespace {

template <typename E>
int32_t enum_value(E e) {
  return static_cast<int32_t>(e);
}

uint32_t list_size(size_t n) { return static_cast<uint32_t>(n); }

// A list<struct> field: each element is opened, filled by write_fields(w, element) and closed.
template <typename T, typename WriteFields>
void write_struct_list_field(CompactWriter& w, int16_t id, const std::vector<T>& items, WriteFields write_fields) {
  w.field_list_begin(id, CompactType::Struct, list_size(items.size()));
  for (const T& item : items) {
    w.struct_begin();
    write_fields(w, item);
    w.struct_end();
  }
}

// An empty struct as a struct-valued field (empty logical types and union members).
void write_empty_struct_field(CompactWriter& w, int16_t id) {
  w.field_struct_begin(id);
  w.struct_end();
}

void write_logical_type_fields(CompactWriter& w, const LogicalType& lt) {
  if (std::holds_alternative<StringType>(lt)) {
    write_empty_struct_field(w, 1);
  } else if (const auto* d = std::get_if<DecimalType>(&lt)) {
    w.field_struct_begin(5);
    w.field_i32(1, d->scale);
    w.field_i32(2, d->precision);
    w.struct_end();
  } else if (std::holds_alternative<DateType>(lt)) {
    write_empty_struct_field(w, 6);
  } else if (const auto* t = std::get_if<TimestampType>(&lt)) {
    w.field_struct_begin(8);
    w.field_bool(1, t->isAdjustedToUTC);
    w.field_struct_begin(2);  // union TimeUnit
    write_empty_struct_field(w, t->unit == TimeUnit::MILLIS ? 1 : t->unit == TimeUnit::MICROS ? 2 : 3);
    w.struct_end();
    w.struct_end();
  } else if (const auto* i = std::get_if<IntType>(&lt)) {
    w.field_struct_begin(10);
    w.field_i8(1, i->bitWidth);
    w.field_bool(2, i->isSigned);
    w.struct_end();
  }
}

void write_schema_element_fields(CompactWriter& w, const SchemaElement& e) {
  if (e.type) w.field_i32(1, enum_value(*e.type));
  if (e.type_length) w.field_i32(2, *e.type_length);
  if (e.repetition_type) w.field_i32(3, enum_value(*e.repetition_type));
  w.field_string(4, e.name);
  if (e.num_children) w.field_i32(5, *e.num_children);
  if (e.converted_type) w.field_i32(6, enum_value(*e.converted_type));
  if (e.scale) w.field_i32(7, *e.scale);
  if (e.precision) w.field_i32(8, *e.precision);
  if (e.field_id) w.field_i32(9, *e.field_id);
  if (e.logicalType) {
    w.field_struct_begin(10);
    write_logical_type_fields(w, *e.logicalType);
    w.struct_end();
  }
}

void write_statistics_field(CompactWriter& w, int16_t id, const Statistics& s) {
  w.field_struct_begin(id);
  if (s.null_count) w.field_i64(3, *s.null_count);
  if (s.distinct_count) w.field_i64(4, *s.distinct_count);
  if (s.max_value) w.field_binary(5, *s.max_value);
  if (s.min_value) w.field_binary(6, *s.min_value);
  if (s.is_max_value_exact) w.field_bool(7, *s.is_max_value_exact);
  if (s.is_min_value_exact) w.field_bool(8, *s.is_min_value_exact);
  w.struct_end();
}

void write_key_values_field(CompactWriter& w, int16_t id, const std::vector<KeyValue>& kvs) {
  write_struct_list_field(w, id, kvs, [](CompactWriter& cw, const KeyValue& kv) {
    cw.field_string(1, kv.key);
    if (kv.value) cw.field_string(2, *kv.value);
  });
}

void write_column_meta_data_fields(CompactWriter& w, const ColumnMetaData& m) {
  w.field_i32(1, enum_value(m.type));
  w.field_list_begin(2, CompactType::I32, list_size(m.encodings.size()));
  for (Encoding e : m.encodings) w.elem_i32(enum_value(e));
  w.field_list_begin(3, CompactType::Binary, list_size(m.path_in_schema.size()));
  for (const std::string& p : m.path_in_schema) w.elem_binary(p);
  w.field_i32(4, enum_value(m.codec));
  w.field_i64(5, m.num_values);
  w.field_i64(6, m.total_uncompressed_size);
  w.field_i64(7, m.total_compressed_size);
  if (m.key_value_metadata) write_key_values_field(w, 8, *m.key_value_metadata);
  w.field_i64(9, m.data_page_offset);
  if (m.index_page_offset) w.field_i64(10, *m.index_page_offset);
  if (m.dictionary_page_offset) w.field_i64(11, *m.dictionary_page_offset);
  if (m.statistics) write_statistics_field(w, 12, *m.statistics);
}

void write_column_chunk_fields(CompactWriter& w, const ColumnChunk& c) {
  if (c.file_path) w.field_string(1, *c.file_path);
  w.field_i64(2, c.file_offset);
  if (c.meta_data) {
    w.field_struct_begin(3);
    write_column_meta_data_fields(w, *c.meta_data);
    w.struct_end();
  }
}

void write_row_group_fields(CompactWriter& w, const RowGroup& rg) {
  write_struct_list_field(w, 1, rg.columns, write_column_chunk_fields);
  w.field_i64(2, rg.total_byte_size);
  w.field_i64(3, rg.num_rows);
  if (rg.file_offset) w.field_i64(5, *rg.file_offset);
  if (rg.total_compressed_size) w.field_i64(6, *rg.total_compressed_size);
  if (rg.ordinal) w.field_i16(7, *rg.ordinal);
}

}  // namespace

void write_file_metadata(const FileMetaData& md, ByteBuffer& out) {
  CompactWriter w(out);
  w.struct_begin();
  w.field_i32(1, md.version);
  write_struct_list_field(w, 2, md.schema, write_schema_element_fields);
  w.field_i64(3, md.num_rows);
  write_struct_list_field(w, 4, md.row_groups, write_row_group_fields);
  if (md.key_value_metadata) write_key_values_field(w, 5, *md.key_value_metadata);
  if (md.created_by) w.field_string(6, *md.created_by);
  if (md.column_orders)  // union ColumnOrder: the member's id, an empty struct
    write_struct_list_field(w, 7, *md.column_orders,
                            [](CompactWriter& cw, ColumnOrder o) { write_empty_struct_field(cw, static_cast<int16_t>(o)); });
  w.struct_end();
}

void write_page_header(const PageHeader& h, ByteBuffer& out) {
  CompactWriter w(out);
  w.struct_begin();
  w.field_i32(1, enum_value(h.type));
  w.field_i32(2, h.uncompressed_page_size);
  w.field_i32(3, h.compressed_page_size);
  if (h.crc) w.field_i32(4, *h.crc);
  if (const auto& d = h.data_page_header) {
    w.field_struct_begin(5);
    w.field_i32(1, d->num_values);
    w.field_i32(2, enum_value(d->encoding));
    w.field_i32(3, enum_value(d->definition_level_encoding));
    w.field_i32(4, enum_value(d->repetition_level_encoding));
    if (d->statistics) write_statistics_field(w, 5, *d->statistics);
    w.struct_end();
  }
  if (const auto& d = h.dictionary_page_header) {
    w.field_struct_begin(7);
    w.field_i32(1, d->num_values);
    w.field_i32(2, enum_value(d->encoding));
    if (d->is_sorted) w.field_bool(3, *d->is_sorted);
    w.struct_end();
  }
  if (const auto& d = h.data_page_header_v2) {
    w.field_struct_begin(8);
    w.field_i32(1, d->num_values);
    w.field_i32(2, d->num_nulls);
    w.field_i32(3, d->num_rows);
    w.field_i32(4, enum_value(d->encoding));
    w.field_i32(5, d->definition_levels_byte_length);
    w.field_i32(6, d->repetition_levels_byte_length);
    if (d->is_compressed) w.field_bool(7, *d->is_compressed);
    if (d->statistics) write_statistics_field(w, 8, *d->statistics);
    w.struct_end();
  }
  w.struct_end();
}

}  // namespace fraudgen::parquet
