#include "fraudgen/schema/schema.h"

#include <array>

#include "fraudgen/schema/columns.h"
#include "fraudgen/schema/vocabulary.h"

namespace fraudgen {
namespace {

using T = ColumnType;
constexpr bool kNull = true, kReq = false;

constexpr Column kCustomers[] = {
  {"customer_id", T::String, kReq, "", "Customer id, CUST_ followed by the 12-digit customer number (1-based)."},
  {"name", T::String, kReq, "", "Full name: first name by sex and one or two surnames, weighted by IBGE name counts."},
  {"sex", T::Enum, kReq, "", "Sex used to pick the first name.", vocab::kSex},
  {"cpf", T::String, kReq, "", "CPF formatted XXX.XXX.XXX-DD with valid mod-11 check digits; the 9th digit is the fiscal region of address_state."},
  {"email", T::String, kReq, "", "E-mail derived from the name, lower-case ASCII."},
  {"phone", T::String, kReq, "", "Mobile phone +55 (DDD) 9XXXX-XXXX, DDD of the home municipality."},
  {"birth_date", T::Date, kReq, "", "Date of birth; age follows the behavioural profile."},
  {"address_street", T::String, kReq, "", "Street type and name."},
  {"address_number", T::String, kReq, "", "House number."},
  {"address_neighborhood", T::String, kReq, "", "Neighbourhood (bairro)."},
  {"address_city", T::String, kReq, "", "Home municipality name."},
  {"address_state", T::String, kReq, "", "Home state (UF)."},
  {"address_postal_code", T::String, kReq, "", "CEP NNNNN-NNN inside the municipality's CEP range."},
  {"address_ibge_code", T::String, kReq, "", "7-digit IBGE code of the home municipality."},
  {"monthly_income", T::Decimal2, kReq, "BRL", "Monthly income: PNAD-style bracket, profile bias and state multiplier."},
  {"income_class", T::Enum, kReq, "", "Income class (A, B1, B2, C1, C2, D, E) of monthly_income.", vocab::kIncomeClass},
  {"profession", T::String, kReq, "", "Profession typical of the income class."},
  {"account_created_at", T::Timestamp, kReq, "", "When the bank account was opened (before start_date)."},
  {"account_type", T::Enum, kReq, "", "CHECKING, SAVINGS or DIGITAL.", vocab::kAccountType},
  {"account_status", T::Enum, kReq, "", "ACTIVE, BLOCKED or INACTIVE.", vocab::kAccountStatus},
  {"credit_limit", T::Decimal2, kReq, "BRL", "Credit card limit, uniform within the income class range."},
  {"credit_score", T::Int32, kReq, "points", "Credit score 300-900 from account age, income and noise."},
  {"credit_score_category", T::Enum, kReq, "", "A (>=750), B (>=600), C (>=450), D (>=350), E.", vocab::kCreditCategory},
  {"risk_level", T::Enum, kReq, "", "Bank's customer risk level, from account age and profile.", vocab::kRiskLevel},
  {"bank_code", T::String, kReq, "", "COMPE code of the customer's bank, weighted by market share."},
  {"bank_name", T::String, kReq, "", "Name of the customer's bank."},
  {"bank_ispb", T::String, kReq, "", "8-digit ISPB of the customer's bank (matches bank_code)."},
  {"branch", T::String, kReq, "", "4-digit branch (agência)."},
  {"account_number", T::String, kReq, "", "Account number with check digit, NNNNNN-D."},
  {"behavioral_profile", T::Enum, kNull, "", "Behavioural profile; null with --no-profiles.", vocab::kProfile},
  {"address_age_days", T::Int32, kReq, "days", "Days since the address was last changed, at start_date."},
  {"phone_age_days", T::Int32, kReq, "days", "Days since the phone was last changed, at start_date."},
  {"address_change_count_1y", T::Int32, kReq, "count", "Address changes in the year before start_date."},
  {"phone_change_count_1y", T::Int32, kReq, "count", "Phone changes in the year before start_date."},
  {"credit_bureau_queries_10d", T::Int32, kReq, "count", "Credit bureau queries in the 10 days before start_date."},
  {"credit_bureau_queries_30d", T::Int32, kReq, "count", "Credit bureau queries in the 30 days before start_date (>= 10d)."},
  {"credit_bureau_queries_180d", T::Int32, kReq, "count", "Credit bureau queries in the 180 days before start_date (>= 30d)."},
  {"active_restrictions_count", T::Int32, kReq, "count", "Active credit restrictions (negativações)."},
  {"restrictions_resolved_1y", T::Int32, kReq, "count", "Restrictions resolved in the last year."},
};
static_assert(std::size(kCustomers) == customer_col::kCount);

constexpr Column kDevices[] = {
  {"device_id", T::String, kReq, "", "Device id: DEV_, the owner's 12-digit customer number, -, 8 upper-case hex digits naming the device among the customer's (DEV_000000000042-9F03C1A7)."},
  {"customer_id", T::String, kReq, "", "Owner (customers.customer_id)."},
  {"device_type", T::Enum, kReq, "", "Form factor: SMARTPHONE, TABLET or DESKTOP.", vocab::kDeviceType},
  {"device_kind", T::Enum, kReq, "", "Form factor and platform; manufacturer, model and OS belong to it.", vocab::kDeviceKind},
  {"manufacturer", T::String, kReq, "", "Manufacturer."},
  {"model", T::String, kReq, "", "Model of that manufacturer and form factor."},
  {"operating_system", T::String, kReq, "", "Operating system version of the platform."},
  {"fingerprint", T::String, kReq, "", "32-hex device fingerprint."},
  {"first_use", T::Date, kReq, "", "First day the device was used on the account; devices first used after start_date are new devices (the customer's or an attacker's). The table lists the devices first used by end_date."},
  {"is_trusted", T::Bool, kReq, "", "Device enrolled as trusted by the bank."},
  {"rooted_or_jailbreak", T::Bool, kReq, "", "Rooted or jailbroken."},
  {"emulator_detected", T::Bool, kReq, "", "Runs in an emulator."},
  {"vpn_active", T::Bool, kReq, "", "Connects through a VPN."},
  {"ip_type", T::Enum, kReq, "", "Usual connection: RESIDENTIAL, MOBILE, DATACENTER or VPN.", vocab::kIpType},
};
static_assert(std::size(kDevices) == device_col::kCount);


constexpr Column kTransactions[] = {
  {"transaction_id", T::String, kReq, "", "TXN_ followed by 20 upper-case hex digits, unique."},
  {"customer_id", T::String, kReq, "", "The customer whose account the transaction is on (customers.customer_id): the payer of an OUT row, the payee of an IN row."},
  {"session_id", T::String, kReq, "", "SESS_ + 16 hex: consecutive transactions of a customer on one channel and device less than 30 minutes apart share a session."},
  {"device_id", T::String, kNull, "", "Device used (devices.device_id); null at ATM and BRANCH, and on IN rows (the customer did nothing)."},
  {"timestamp", T::Timestamp, kReq, "", "When it happened, RFC 3339 with milliseconds in Brasília time (-03:00). Unique per customer."},
  {"type", T::Enum, kReq, "", "Transaction type; PIX or TED on IN rows.", vocab::kTxType},
  {"direction", T::Enum, kReq, "", "OUT: money leaving the customer's account (a payment, transfer, withdrawal); IN: a PIX or TED arriving in it (salary, family, customers of a business, refunds, or a mule's inflows).", vocab::kDirection},
  {"amount", T::Decimal2, kReq, "BRL", "Amount with exactly two decimals."},
  {"currency", T::Enum, kReq, "", "Always BRL.", vocab::kCurrency},
  {"channel", T::Enum, kReq, "", "Channel, conditioned on type and profile; on IN rows the channel the sender used (MOBILE_APP or WEB_BANKING).", vocab::kChannel},
  {"ip_address", T::String, kNull, "", "IPv4 of the device's connection at that time; null at ATM and BRANCH and on IN rows."},
  {"geolocation_lat", T::Double, kReq, "degrees", "Latitude (6 decimals) near the customer's home, work or travel municipality. IN rows are not a place the customer went: they carry the coordinates and municipality of the customer's latest OUT transaction of the 30 days before (home without one)."},
  {"geolocation_lon", T::Double, kReq, "degrees", "Longitude (6 decimals)."},
  {"municipality_ibge_code", T::String, kReq, "", "IBGE code of the municipality where the coordinates are."},
  {"municipality_name", T::String, kReq, "", "Name of that municipality."},
  {"transaction_state", T::String, kReq, "", "UF of that municipality."},
  {"customer_state", T::String, kReq, "", "Customer's home UF."},
  {"customer_profile", T::Enum, kNull, "", "Customer's behavioural profile; null with --no-profiles.", vocab::kProfile},
  {"social_class", T::Enum, kReq, "", "Customer's income class.", vocab::kIncomeClass},
  {"merchant_id", T::String, kNull, "", "M + MCC + 5-digit store number; one id always has one name. Null for person-to-person transfers and IN rows."},
  {"merchant_name", T::String, kNull, "", "Merchant brand."},
  {"merchant_category", T::String, kNull, "", "MCC description."},
  {"mcc_code", T::String, kNull, "", "4-digit ISO 18245 merchant category code."},
  {"mcc_risk_level", T::Enum, kNull, "", "Risk of the MCC.", vocab::kMccRisk},
  {"card_number_hash", T::String, kNull, "", "16-hex hash of the customer's credit or debit card (stable per card)."},
  {"card_brand", T::Enum, kNull, "", "Card network.", vocab::kCardBrand},
  {"card_type", T::Enum, kNull, "", "CREDIT or DEBIT.", vocab::kCardType},
  {"installments", T::Int32, kNull, "count", "Number of instalments (1 for debit)."},
  {"card_entry", T::Enum, kNull, "", "How the card was read; MANUAL for card-not-present.", vocab::kCardEntry},
  {"cvv_validated", T::Bool, kNull, "", "CVV checked."},
  {"auth_3ds", T::Bool, kNull, "", "3-D Secure authentication performed."},
  {"pix_key_type", T::Enum, kNull, "", "DICT key type of the PIX payee (on IN rows the customer's own key, stable per customer).", vocab::kPixKeyType},
  {"beneficiary_id", T::String, kNull, "", "32-hex id of the payee of an OUT PIX/TED (stable per payee); null on IN rows."},
  {"payer_id", T::String, kNull, "", "32-hex id of the sender of an IN PIX/TED (stable per sender: an employer, a relative, a shop's customer); null on OUT rows."},
  {"destination_bank_code", T::String, kNull, "", "COMPE code of the payee's bank (PIX, TED, BOLETO): the customer's own bank on IN rows."},
  {"end_to_end_id", T::String, kNull, "", "BACEN end-to-end id: E + payer_ispb + UTC yyyyMMddHHmm + 11 alphanumerics (32 chars); on IN rows the sender's bank's ISPB."},
  {"payer_ispb", T::String, kNull, "", "ISPB of the payer's bank (PIX, TED): the customer's bank on OUT rows, the sender's bank on IN rows."},
  {"payee_ispb", T::String, kNull, "", "ISPB of destination_bank_code (PIX, TED): the customer's bank on IN rows."},
  {"payer_account_type", T::Enum, kNull, "", "Payer account type (PIX): the customer's on OUT rows, the sender's on IN rows.", vocab::kBacenAccountType},
  {"payee_account_type", T::Enum, kNull, "", "Payee account type (PIX): the customer's on IN rows.", vocab::kBacenAccountType},
  {"payee_holder_type", T::Enum, kNull, "", "INDIVIDUAL or BUSINESS payee (PIX, TED); INDIVIDUAL on IN rows (the customer).", vocab::kHolderType},
  {"pix_initiation_mode", T::Enum, kNull, "", "BACEN initiation form: MANU, DICT, QRDN, QRES, INIC; the sender's on IN rows.", vocab::kPixInitiation},
  {"payer_cpf_hash", T::String, kNull, "", "32-hex hash of the payer's CPF (PIX): the customer's on OUT rows, the sender's on IN rows from an individual; null on IN rows from a business (a CNPJ, not a CPF)."},
  {"pacs_status", T::Enum, kNull, "", "SPI pacs.002 status: ACSC settled, RJCT rejected, PDNG pending (PIX).", vocab::kPacsStatus},
  {"is_pix_return", T::Bool, kNull, "", "A MED return (devolução) was requested (PIX)."},
  {"pix_return_reason", T::Enum, kNull, "", "MED return reason when is_pix_return.", vocab::kPixReturnReason},
  {"unusual_time", T::Bool, kReq, "", "Local hour < 6 or >= 22."},
  {"device_age_days", T::Int32, kNull, "days", "Days from devices.first_use to the transaction's local date."},
  {"emulator_detected", T::Bool, kNull, "", "devices.emulator_detected of device_id."},
  {"vpn_active", T::Bool, kNull, "", "devices.vpn_active of device_id."},
  {"ip_type", T::Enum, kNull, "", "devices.ip_type of device_id.", vocab::kIpType},
  {"velocity_transactions_1h", T::Int32, kReq, "count", "Transactions of this customer with timestamp in [t - 1 h, t], this one included, both directions (money moved in or out)."},
  {"velocity_transactions_6h", T::Int32, kReq, "count", "Transactions in the last 6 hours."},
  {"velocity_transactions_24h", T::Int32, kReq, "count", "Transactions in the last 24 hours."},
  {"velocity_transactions_7d", T::Int32, kReq, "count", "Transactions in the last 7 days."},
  {"velocity_transactions_30d", T::Int32, kReq, "count", "Transactions in the last 30 days."},
  {"accumulated_amount_1h", T::Decimal2, kReq, "BRL", "Sum of amount in the last hour, both directions (amounts are positive for IN and OUT rows)."},
  {"accumulated_amount_6h", T::Decimal2, kReq, "BRL", "Sum of amount in the last 6 hours."},
  {"accumulated_amount_24h", T::Decimal2, kReq, "BRL", "Sum of amount in the last 24 hours."},
  {"accumulated_amount_7d", T::Decimal2, kReq, "BRL", "Sum of amount in the last 7 days."},
  {"accumulated_amount_30d", T::Decimal2, kReq, "BRL", "Sum of amount in the last 30 days."},
  {"velocity_unique_merchants_7d", T::Int32, kReq, "count", "Distinct non-null merchant_id in the last 7 days."},
  {"velocity_unique_devices_7d", T::Int32, kReq, "count", "Distinct non-null device_id in the last 7 days."},
  {"time_since_last_txn_min", T::Double, kNull, "minutes", "Minutes since the customer's previous transaction of either direction (ms difference / 60000); null when there was none in the 30 days before."},
  {"distance_from_last_txn_km", T::Double, kNull, "km", "Haversine distance (R = 6371 km) from the previous transaction's coordinates, rounded to 3 decimals; null when time_since_last_txn_min is."},
  {"device_new_for_customer", T::Bool, kNull, "", "No transaction of the customer in the 30 days before used device_id; null without a device."},
  {"new_beneficiary", T::Bool, kNull, "", "No transaction of the customer in the 30 days before paid beneficiary_id; null without a beneficiary (so null on IN rows: a new sender is in payer_id)."},
  {"new_merchant", T::Bool, kNull, "", "No transaction of the customer in the 30 days before was at merchant_id; null without a merchant."},
  {"fraud_score", T::Int32, kReq, "points", "The bank's risk score, 0-100: the sum of the rules of docs/fraud-model.md (new device, new beneficiary, velocity, amount spike, night, impossible travel, VPN, emulator, high-risk MCC, CVV, manual entry) over observable fields, capped at 100. Never derived from the label. On IN rows only velocity, amount spike and unusual time can apply (no device, beneficiary, merchant or card)."},
  {"status", T::Enum, kReq, "", "DECLINED when the amount exceeds the limit (credit limit for credit cards, 2.5 monthly incomes otherwise; never on IN rows: the limit is on money going out); else BLOCKED at fraud_score >= 80; else at >= 60 PENDING (PIX, TED, boleto) or DECLINED; else APPROVED, except 1.2% issuer declines and 0.4% pending transfers for reasons outside the data.", vocab::kTxStatus},
  {"is_fraud", T::Bool, kReq, "", "Ground truth: the transaction is a step of a fraud scenario (docs/fraud-model.md)."},
  {"fraud_type", T::Enum, kNull, "", "Ground truth: the scenario's fraud type; null for legitimate transactions.", vocab::kFraudType},
  {"fraud_scenario_id", T::String, kNull, "", "Ground truth: FRD_, the customer number, the scenario's start date and its number among the customer's scenarios started that day (FRD_000000000042-20250314-0); the steps of one scenario share it."},
  {"fraud_role", T::Enum, kNull, "", "Ground truth: the step's role in its scenario (INFLOW: money arriving in a mule's account, direction IN).", vocab::kFraudRole},
  {"fraud_step", T::Int32, kNull, "count", "Ground truth: 1-based position of the step in its scenario, in time order. A scenario under way at start_date or end_date has only its steps inside the range."},
  {"fraud_taxonomy", T::String, kNull, "", "Ground truth: the type's multi-label taxonomy, labels separated by '|' (e.g. ATO|SIM_SWAP), plus QUIET when the scenario was done quietly."},
  {"fraud_reported_date", T::Date, kNull, "", "Ground truth: local date the fraud is reported, after the scenario's last step plus the type's detection delay."},
};
static_assert(std::size(kTransactions) == tx_col::kCount);

constexpr Column kFraudLabels[] = {
  {"transaction_id", T::String, kReq, "", "The fraudulent transaction (transactions.transaction_id)."},
  {"customer_id", T::String, kReq, "", "Its customer: the victim, or the mule for MULA_FINANCEIRA."},
  {"timestamp", T::Timestamp, kReq, "", "transactions.timestamp of the transaction."},
  {"fraud_type", T::Enum, kReq, "", "The scenario's fraud type.", vocab::kFraudType},
  {"fraud_scenario_id", T::String, kReq, "", "FRD_, the customer number, the scenario's start date and its number that day (transactions.fraud_scenario_id)."},
  {"fraud_role", T::Enum, kReq, "", "The step's role in its scenario.", vocab::kFraudRole},
  {"fraud_step", T::Int32, kReq, "count", "1-based position of the step in its scenario."},
  {"fraud_taxonomy", T::String, kReq, "", "Multi-label taxonomy, labels separated by '|', plus QUIET when the scenario was done quietly."},
  {"fraud_reported_date", T::Date, kReq, "", "Local date the fraud is reported."},
};
static_assert(std::size(kFraudLabels) == label_col::kCount);

constexpr Column kDrivers[] = {
  {"driver_id", T::String, kReq, "", "Driver account id: DRV_ and 12 upper-case hex digits, one per person and app. A person on several apps has one account on each, with the same CPF, CNH, vehicle, device and payout account."},
  {"app", T::Enum, kReq, "", "The app of the account.", vocab::kRideApp},
  {"name", T::String, kReq, "", "Full name, drawn as customers' names are."},
  {"sex", T::Enum, kReq, "", "Sex used to pick the first name.", vocab::kSex},
  {"cpf", T::String, kReq, "", "CPF XXX.XXX.XXX-DD with valid check digits; the 9th digit is the fiscal region of the driver's state."},
  {"cnh", T::String, kReq, "", "Driving licence number (CNH): 11 digits with the two DENATRAN check digits."},
  {"cnh_paid_activity", T::Bool, kReq, "", "The licence carries EAR (exerce atividade remunerada), which the law asks of app drivers; most have it, some do not."},
  {"birth_date", T::Date, kReq, "", "Date of birth (21 to 70 at start_date)."},
  {"city_ibge_code", T::String, kReq, "", "7-digit IBGE code of the capital whose metro the driver works in."},
  {"city_name", T::String, kReq, "", "That capital's name."},
  {"state", T::String, kReq, "", "Its state (UF)."},
  {"activity", T::Enum, kReq, "", "How much the person drives: FULL_TIME (5-6 days a week, 9-10 hours), PART_TIME (2-4 days, 3-6 hours), OCCASIONAL (mostly Friday and Saturday evenings).", vocab::kDriverActivity},
  {"registered_at", T::Date, kReq, "", "When the account was approved on the app."},
  {"device_id", T::String, kReq, "", "The driver's phone: DDEV_ and 12 upper-case hex digits, the same on all the person's accounts; a phone may also serve another person's account (a relative sharing the car, a second account), never online at the same time on one app."},
  {"payout_bank_code", T::String, kReq, "", "COMPE code of the bank the earnings are paid to."},
  {"payout_account_hash", T::String, kReq, "", "16 lower-case hex digits naming the payout account (bank account or Pix key), the same on all the person's accounts (and sometimes a relative's or a second account's)."},
  {"vehicle_plate", T::String, kReq, "", "Plate: Mercosul LLLNLNN or the old LLL-NNNN, by the vehicle's year."},
  {"vehicle_brand", T::String, kReq, "", "Vehicle make (motorcycle for MOTO)."},
  {"vehicle_model", T::String, kReq, "", "Vehicle model of that make and level."},
  {"vehicle_level", T::Enum, kReq, "", "The highest level the vehicle serves: ECONOMY, COMFORT, BLACK or MOTO.", vocab::kRideLevel},
  {"vehicle_year", T::Int32, kReq, "", "Model year."},
  {"vehicle_colour", T::Enum, kReq, "", "Colour (black categories refuse RED and BLUE).", vocab::kVehicleColour},
  {"vehicle_ownership", T::Enum, kReq, "", "OWN, FINANCED or RENTAL (rented from a fleet for app driving).", vocab::kVehicleOwnership},
};
static_assert(std::size(kDrivers) == driver_col::kCount);

constexpr Column kRides[] = {
  {"ride_id", T::String, kReq, "", "RIDE_ and 20 upper-case hex digits, unique."},
  {"app", T::Enum, kReq, "", "The app the rider asked on.", vocab::kRideApp},
  {"category", T::String, kReq, "", "The app's category (UberX, Comfort, 99Pop, Moto, ...): its level, and the vehicles, ratings and trips it accepts, are in docs/schema.md's notes."},
  {"level", T::Enum, kReq, "", "The category's level.", vocab::kRideLevel},
  {"customer_id", T::String, kReq, "", "The rider (customers.customer_id): a customer living in a capital's metro."},
  {"rider_account_id", T::String, kReq, "", "RACC_ and 12 upper-case hex digits: the rider account on the app that asked. A customer has one account per app they use; a customer may open more (new accounts for a sign-up promotion)."},
  {"account_age_days", T::Int32, kReq, "days", "Days from the rider account's creation to requested_at's local date (0 = opened that day)."},
  {"rider_device_id", T::String, kReq, "", "RDEV_ and 12 upper-case hex digits: the phone the request came from. A rider's phone changes when they buy a new one; a family may share one phone across its members' accounts."},
  {"driver_id", T::String, kNull, "", "The driver account that accepted (drivers.driver_id), on the ride's app, with a vehicle of the category; null for NO_DRIVER."},
  {"vehicle_plate", T::String, kNull, "", "The plate the rider was shown (drivers.vehicle_plate of driver_id); null for NO_DRIVER."},
  {"city_ibge_code", T::String, kReq, "", "7-digit IBGE code of the capital whose metro the ride is in."},
  {"city_name", T::String, kReq, "", "That capital's name."},
  {"state", T::String, kReq, "", "Its state (UF)."},
  {"dispatch_area", T::Int32, kReq, "", "The capital's dispatch area the ride was matched in, from 1: a capital with more drivers than --dispatch-area-drivers is cut into areas, each with its share of the riders and drivers (a person is in one), matched apart; 1 in every other capital."},
  {"status", T::Enum, kReq, "", "What became of the request.", vocab::kRideStatus},
  {"requested_at", T::Timestamp, kReq, "", "When the rider asked. Rows are in this order within each block of a dispatch area and span of days."},
  {"accepted_at", T::Timestamp, kNull, "", "When a driver accepted; null for NO_DRIVER and for a rider who cancelled before any driver accepted."},
  {"arrived_at", T::Timestamp, kNull, "", "When the driver reached the pickup."},
  {"started_at", T::Timestamp, kNull, "", "When the trip began (COMPLETED only)."},
  {"ended_at", T::Timestamp, kNull, "", "When the trip ended (COMPLETED only)."},
  {"cancelled_at", T::Timestamp, kNull, "", "When the rider or driver cancelled, or the app gave up finding a driver (NO_DRIVER)."},
  {"pickup_lat", T::Double, kReq, "degrees", "Pickup latitude, 5 decimals."},
  {"pickup_lon", T::Double, kReq, "degrees", "Pickup longitude, 5 decimals."},
  {"pickup_zone", T::String, kReq, "", "The surge zone of the pickup: UF-Rnn-Sn (2 km ring around the seat and one of 8 sectors) or UF-IATA at an airport."},
  {"dropoff_lat", T::Double, kReq, "degrees", "Destination latitude, 5 decimals."},
  {"dropoff_lon", T::Double, kReq, "degrees", "Destination longitude, 5 decimals."},
  {"dropoff_place", T::String, kNull, "", "The named place the rider went to (a mall, university, stadium, bus terminal, nightlife area), if any."},
  {"dropoff_airport", T::String, kNull, "", "IATA code when the destination is an airport."},
  {"pickup_distance_km", T::Double, kNull, "km", "Straight-line distance from the driver to the pickup when the driver accepted."},
  {"quoted_distance_m", T::Int64, kReq, "m", "Road distance of the route quoted at request."},
  {"quoted_duration_s", T::Int64, kReq, "s", "Duration quoted at request, at the hour's speed."},
  {"actual_distance_m", T::Int64, kNull, "m", "Road distance driven (COMPLETED only)."},
  {"actual_duration_s", T::Int64, kNull, "s", "Trip duration (COMPLETED only): ended_at - started_at."},
  {"rain", T::Enum, kReq, "", "The weather in the city that hour; every ride of a city and hour shares it.", vocab::kRain},
  {"surge_multiplier", T::Double, kReq, "x", "The zone's surge at request, rounded to a tenth (1.0 = none; inDrive has none); every request of a zone, app and five minutes shares it."},
  {"flight_bank", T::Bool, kReq, "", "The pickup zone is an airport during a bank of arriving flights."},
  {"quoted_price", T::Decimal2, kReq, "BRL", "The price the app showed at request: fare parts at quoted distance and duration (for inDrive, the price it suggested: 90% of that)."},
  {"offer_amount", T::Decimal2, kNull, "BRL", "inDrive: the price the rider offered."},
  {"counter_offers", T::Int32, kNull, "count", "inDrive: counter-offers before the price was agreed (each 7% of the offer)."},
  {"price_basis", T::Enum, kReq, "", "What fare_amount is.", vocab::kPriceBasis},
  {"fare_base", T::Decimal2, kNull, "BRL", "Fare parts (UPFRONT and METERED only): the level's base fare x the city's and month's price index."},
  {"fare_distance", T::Decimal2, kNull, "BRL", "Per-km part: tariff x km (quoted distance when UPFRONT, driven when METERED) x price index."},
  {"fare_time", T::Decimal2, kNull, "BRL", "Per-minute part: tariff x minutes x price index."},
  {"fare_surge", T::Decimal2, kNull, "BRL", "(base + distance + time) x (surge_multiplier - 1)."},
  {"fare_minimum_topup", T::Decimal2, kNull, "BRL", "What brings the fare up to the city's minimum for the level."},
  {"fare_municipal_fee", T::Decimal2, kNull, "BRL", "São Paulo's fee of R$0.10 per km; 0 elsewhere."},
  {"fare_amount", T::Decimal2, kReq, "BRL", "What the rider paid for the ride: the sum of the fare parts (UPFRONT, METERED), the agreed price (NEGOTIATED: offer_amount x (1 + 0.07 x counter_offers)), the cancellation fee, or 0."},
  {"cancel_fee", T::Decimal2, kReq, "BRL", "Fee the rider paid for cancelling more than 3 minutes after a driver accepted; 0 otherwise."},
  {"payment_method", T::Enum, kReq, "", "How the rider pays.", vocab::kRidePayment},
  {"zero_fee_day", T::Bool, kReq, "", "99's zero-fee day in the city: the app kept nothing."},
  {"platform_fee", T::Decimal2, kReq, "BRL", "What the app kept: a share of fare_amount - fare_municipal_fee (about 24% Uber, 19% 99, 10% inDrive)."},
  {"tip_amount", T::Decimal2, kReq, "BRL", "Tip given after the ride (card and app payments only); 0 when none."},
  {"tipped_at", T::Timestamp, kNull, "", "When the tip was given."},
  {"driver_earnings", T::Decimal2, kReq, "BRL", "What the driver got: fare_amount - fare_municipal_fee - platform_fee + tip_amount."},
  {"rating_by_rider", T::Int32, kNull, "stars", "Stars (1-5) the rider gave the driver (COMPLETED only; about two rides in three)."},
  {"rating_by_driver", T::Int32, kNull, "stars", "Stars (1-5) the driver gave the rider (COMPLETED only)."},
  {"driver_trips_7d", T::Int32, kNull, "count", "History (null without a driver): the driver account's COMPLETED rides with ended_at in the 7 days before requested_at."},
  {"driver_rating_7d", T::Double, kNull, "stars", "Mean rating_by_rider of the driver account's rides ended in those 7 days; null when none was rated."},
  {"driver_cancels_7d", T::Int32, kNull, "count", "The driver account's CANCELLED_BY_DRIVER rides with cancelled_at in those 7 days."},
  {"rider_requests_7d", T::Int32, kReq, "count", "History: the rider account's (rider_account_id's) requests in the 7 days before requested_at."},
  {"rider_cancels_7d", T::Int32, kReq, "count", "The rider account's CANCELLED_BY_RIDER rides with cancelled_at in those 7 days."},
  {"rider_rating_7d", T::Double, kNull, "stars", "Mean rating_by_driver of the rider account's rides ended in those 7 days; null when none."},
  {"pair_rides_7d", T::Int32, kNull, "count", "COMPLETED rides of this rider account with this driver account ended in those 7 days (null without a driver)."},
  {"card_age_days", T::Int32, kNull, "days", "CREDIT_CARD and DEBIT_CARD: days since the card was added to the rider account (a new account, a reissued card, a new card); null for other payments."},
  {"promo_amount", T::Decimal2, kReq, "BRL", "Promotion taken off the fare (a new account's first rides, a coupon); never above fare_amount; 0 when none."},
  {"split_account_ids", T::String, kNull, "", "UBER fare split: the rider accounts (RACC_...) that paid a share, separated by '|'; null when the fare was not split."},
  {"charged_amount", T::Decimal2, kReq, "BRL", "What the requester's payment method was charged: fare_amount - promo_amount, divided equally among the requester and the split accounts (the requester's share, rounded up to the centavo)."},
  {"gps_path_ratio", T::Double, kNull, "x", "COMPLETED: length of the driver's GPS trace over the quoted route's length, 3 decimals (about actual_distance_m / quoted_distance_m; more for a phone saving battery or a trip ended after the drop-off, less for one ended before it)."},
  {"gps_max_jump_m", T::Int32, kNull, "m", "COMPLETED: the longest jump between consecutive GPS fixes of the trace (20-150 m; more where the signal was lost, in a tunnel or between towers)."},
  {"end_to_dropoff_m", T::Int32, kNull, "m", "COMPLETED: straight-line distance from where the trip was ended in the app to the requested drop-off (5-150 m of drift; more when the rider got out early or the trip was ended late)."},
  {"driver_adjustment", T::Decimal2, kReq, "BRL", "What the app paid the driver on top of driver_earnings for the trace being longer than the quoted route: the level's per-km tariff x price index x (gps_path_ratio - 1.25) x quoted km, when gps_path_ratio > 1.25; 0 otherwise."},
  {"ticket", T::Enum, kNull, "", "The support ticket the rider opened about the ride, if any.", vocab::kRideTicket},
  {"refund_amount", T::Decimal2, kReq, "BRL", "What the app gave back for the ticket (as app credit, not to the card); 0 when none."},
  {"dispute_date", T::Date, kNull, "", "Local date the card's holder disputed the charge with their bank (a chargeback); null when never."},
  {"is_fraud", T::Bool, kReq, "", "Ground truth: the ride is part of a ride fraud scenario (docs/fraud-model.md, Rides)."},
  {"fraud_type", T::Enum, kNull, "", "Ground truth: the scenario's type; null for legitimate rides.", vocab::kRideFraudType},
  {"fraud_scenario_id", T::String, kNull, "", "Ground truth: RFR_, R (a rider's scenario) and the customer number or D (a driver's) and the driver number, the start date and its number that day (RFR_R000000000042-20250314-0)."},
  {"fraud_role", T::Enum, kNull, "", "Ground truth: who acts in the scenario: the rider, the driver, or both together.", vocab::kRideFraudRole},
  {"fraud_taxonomy", T::String, kNull, "", "Ground truth: the type's multi-label taxonomy, labels separated by '|', plus QUIET when the scenario was done quietly."},
  {"fraud_reported_date", T::Date, kNull, "", "Ground truth: local date the fraud is found (a dispute, a ticket review, an investigation)."},
};
static_assert(std::size(kRides) == ride_col::kCount);

constexpr Column kRideFraudLabels[] = {
  {"ride_id", T::String, kReq, "", "The fraudulent ride (rides.ride_id)."},
  {"customer_id", T::String, kReq, "", "Its rider (rides.customer_id)."},
  {"driver_id", T::String, kNull, "", "Its driver account (rides.driver_id)."},
  {"requested_at", T::Timestamp, kReq, "", "When it was requested (rides.requested_at)."},
  {"fraud_type", T::Enum, kReq, "", "The scenario's type.", vocab::kRideFraudType},
  {"fraud_scenario_id", T::String, kReq, "", "The scenario (rides.fraud_scenario_id)."},
  {"fraud_role", T::Enum, kReq, "", "Who acts in it.", vocab::kRideFraudRole},
  {"fraud_taxonomy", T::String, kReq, "", "Multi-label taxonomy, labels separated by '|', plus QUIET when the scenario was done quietly."},
  {"fraud_reported_date", T::Date, kReq, "", "Local date the fraud is found."},
};
static_assert(std::size(kRideFraudLabels) == ride_label_col::kCount);

constexpr Column kDriverSessions[] = {
  {"session_id", T::String, kReq, "", "DSES_ and 20 upper-case hex digits."},
  {"driver_id", T::String, kReq, "", "The driver account (drivers.driver_id) that was online. A person on several apps is online on all of them at once (one row per account), except on an app where another account is driving the car then."},
  {"app", T::Enum, kReq, "", "The account's app.", vocab::kRideApp},
  {"city_ibge_code", T::String, kReq, "", "The capital whose metro the driver worked in."},
  {"dispatch_area", T::Int32, kReq, "", "The capital's dispatch area the driver works in (rides.dispatch_area)."},
  {"online_at", T::Timestamp, kReq, "", "When the driver went online. Every ride the account accepted lies within one of its sessions."},
  {"offline_at", T::Timestamp, kReq, "", "When the driver went offline."},
};
static_assert(std::size(kDriverSessions) == session_col::kCount);

constexpr TableSchema kSchemas[] = {
  {"customers", "One row per customer: identity, address, income, credit and account.", kCustomers},
  {"devices", "One row per device used on a customer's account by end_date: the customer's 1-3 from before start_date, the new ones they start using (new phones, computers), and attackers' devices seen in fraud scenarios.", kDevices},
  {"transactions", "One row per transaction, sorted by timestamp within each block of customers.", kTransactions},
  {"fraud_labels", "One row per fraudulent transaction, in the transactions table's order: the ground truth apart from the features.", kFraudLabels},
  {"drivers", "One row per driver account (--type rides or all): a person who drives for ride apps has an account on each of their apps.", kDrivers},
  {"rides", "One row per ride request (--type rides or all), in request order within each block of a capital and span of days.", kRides},
  {"driver_sessions", "One row per driver account and stretch of time online (--type rides or all).", kDriverSessions},
  {"ride_fraud_labels", "One row per fraudulent ride (--type rides or all), in the rides table's order: the ground truth apart from the features.", kRideFraudLabels},
};

}  // namespace

const TableSchema& schema_of(Table table) { return kSchemas[static_cast<int>(table)]; }

std::string_view type_name(ColumnType type) {
  switch (type) {
    case T::String: return "string";
    case T::Enum: return "string (enum)";
    case T::Int32: return "int32";
    case T::Int64: return "int64";
    case T::Double: return "double";
    case T::Bool: return "boolean";
    case T::Date: return "date";
    case T::Timestamp: return "timestamp";
    case T::Decimal2: return "decimal(18,2)";
  }
  return "?";
}

}  // namespace fraudgen
