#include "fraudgen/schema/relations.h"

#include <iterator>


namespace fraudgen {
namespace {

constexpr ForeignKey kDeviceKeys[] = {{"customer_id", Table::Customers}};
constexpr ForeignKey kTransactionKeys[] = {{"customer_id", Table::Customers}, {"device_id", Table::Devices}};
constexpr ForeignKey kLabelKeys[] = {{"transaction_id", Table::Transactions}, {"customer_id", Table::Customers}};
constexpr ForeignKey kRideKeys[] = {{"customer_id", Table::Customers}, {"driver_id", Table::Drivers}};
constexpr ForeignKey kSessionKeys[] = {{"driver_id", Table::Drivers}};
constexpr ForeignKey kRideLabelKeys[] = {{"ride_id", Table::Rides}, {"customer_id", Table::Customers}, {"driver_id", Table::Drivers}};

// A customer's history in time order, a day's activity, a device's or driver's rows: the
// queries a fraud analyst starts from. Foreign-key columns are indexed so joins and cascades
// from the parent do not scan the child.
constexpr std::string_view kDeviceIndexes[] = {"customer_id"};
constexpr std::string_view kTransactionIndexes[] = {"customer_id, timestamp", "timestamp", "device_id"};
constexpr std::string_view kLabelIndexes[] = {"customer_id"};
constexpr std::string_view kRideIndexes[] = {"customer_id, requested_at", "driver_id, requested_at", "requested_at"};
constexpr std::string_view kSessionIndexes[] = {"driver_id, online_at"};
constexpr std::string_view kRideLabelIndexes[] = {"customer_id", "driver_id"};

constexpr TableRelations kRelations[] = {
    {"customer_id", {}, {}},
    {"device_id", kDeviceKeys, kDeviceIndexes},
    {"transaction_id", kTransactionKeys, kTransactionIndexes},
    {"transaction_id", kLabelKeys, kLabelIndexes},
    {"driver_id", {}, {}},
    {"ride_id", kRideKeys, kRideIndexes},
    {"session_id", kSessionKeys, kSessionIndexes},
    {"ride_id", kRideLabelKeys, kRideLabelIndexes},
};
static_assert(std::size(kRelations) == kTableCount);

}  // namespace

const TableRelations& relations_of(Table table) { return kRelations[static_cast<size_t>(table)]; }

}  // namespace fraudgen
