// Writes customers and their devices into column batches.
#pragma once
#include <string>

#include "fraudgen/schema/column_batch.h"
#include "fraudgen/sim/customer.h"

namespace fraudgen {

void write_customer_row(ColumnBatch& batch, const SimContext& ctx, const Customer& c);
void write_device_rows(ColumnBatch& batch, const SimContext& ctx, const Customer& c);  // the window's listed devices
void write_device_row(ColumnBatch& batch, const SimContext& ctx, const Customer& c, const Device& d);
// "CUST_000000000042" and "DEV_000000000042-9F03C1A7" (the customer number, then 8 hex digits
// naming the device among the customer's: device_id_suffix of its code).
inline constexpr size_t kDeviceIdLength = 4 + 12 + 1 + 8;
char* write_customer_id(char* out, uint64_t customer_index);
// A person's full name: the first name of their sex and one or two surnames (-1: none), as
// customers and drivers are named.
std::string full_name(const ReferenceData& ref, int sex, uint32_t first_name, uint32_t surname1, int32_t surname2);
char* write_device_id(char* out, uint64_t seed, uint64_t customer_index, uint32_t code);
// The dictionary key of a device id: one per (customer, code).
inline uint64_t device_key(uint64_t customer_index, uint32_t code) { return (customer_index << 32) | code; }

}  // namespace fraudgen
