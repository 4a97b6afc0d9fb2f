// Fixed value vocabularies. One vocabulary per field, shared by legitimate and fraudulent rows,
// so no value's spelling can reveal a label. Enum columns store an index into these arrays.
#pragma once
#include <array>
#include <span>
#include <string_view>

namespace fraudgen::vocab {

using V = std::string_view;
inline constexpr std::array<V, 8> kTxType{"PIX", "CREDIT_CARD", "DEBIT_CARD", "BOLETO", "TED", "AUTO_DEBIT", "WITHDRAWAL", "MOBILE_TOPUP"};
enum TxType : int { PIX, CREDIT_CARD, DEBIT_CARD, BOLETO, TED, AUTO_DEBIT, WITHDRAWAL, MOBILE_TOPUP };
// Which way the money moves for the customer: OUT leaves the account, IN arrives in it.
inline constexpr std::array<V, 2> kDirection{"OUT", "IN"};
enum Direction : int { DIR_OUT, DIR_IN };
inline constexpr std::array<V, 5> kChannel{"MOBILE_APP", "WEB_BANKING", "ATM", "BRANCH", "WHATSAPP_PAY"};
enum Channel : int { MOBILE_APP, WEB_BANKING, ATM, BRANCH, WHATSAPP_PAY };
inline constexpr std::array<V, 1> kCurrency{"BRL"};
inline constexpr std::array<V, 5> kCardBrand{"VISA", "MASTERCARD", "ELO", "HIPERCARD", "AMEX"};
inline constexpr std::array<V, 2> kCardType{"CREDIT", "DEBIT"};
inline constexpr std::array<V, 4> kCardEntry{"CHIP", "CONTACTLESS", "MANUAL", "MAGNETIC"};
inline constexpr std::array<V, 5> kPixKeyType{"CPF", "PHONE", "EMAIL", "RANDOM", "CNPJ"};
// BACEN account types (ISO 20022 codes used by the SPI).
inline constexpr std::array<V, 4> kBacenAccountType{"CACC", "SVGS", "SLRY", "TRAN"};
inline constexpr std::array<V, 2> kHolderType{"INDIVIDUAL", "BUSINESS"};
// BACEN PIX initiation forms: manual, DICT key, dynamic QR, static QR, initiator.
inline constexpr std::array<V, 5> kPixInitiation{"MANU", "DICT", "QRDN", "QRES", "INIC"};
inline constexpr std::array<V, 3> kPacsStatus{"ACSC", "RJCT", "PDNG"};
// MED return reasons: fraud, customer request, bank error, refund.
inline constexpr std::array<V, 4> kPixReturnReason{"FR01", "MD06", "BE08", "REFU"};
inline constexpr std::array<V, 4> kTxStatus{"APPROVED", "DECLINED", "PENDING", "BLOCKED"};
enum TxStatus : int { APPROVED, DECLINED, PENDING, BLOCKED };
inline constexpr std::array<V, 4> kIpType{"RESIDENTIAL", "MOBILE", "DATACENTER", "VPN"};
enum IpType : int { IP_RESIDENTIAL, IP_MOBILE, IP_DATACENTER, IP_VPN };
inline constexpr std::array<V, 3> kMccRisk{"low", "medium", "high"};
inline constexpr std::array<V, 3> kDeviceType{"SMARTPHONE", "TABLET", "DESKTOP"};
inline constexpr std::array<V, 6> kDeviceKind{"SMARTPHONE_ANDROID", "SMARTPHONE_IOS", "TABLET_ANDROID", "TABLET_IOS", "DESKTOP_WINDOWS", "DESKTOP_MAC"};
enum DeviceKind : int { PHONE_ANDROID, PHONE_IOS, TABLET_ANDROID, TABLET_IOS, DESKTOP_WINDOWS, DESKTOP_MAC };
inline constexpr std::array<V, 2> kSex{"F", "M"};
inline constexpr std::array<V, 3> kAccountType{"CHECKING", "SAVINGS", "DIGITAL"};
inline constexpr std::array<V, 3> kAccountStatus{"ACTIVE", "BLOCKED", "INACTIVE"};
inline constexpr std::array<V, 3> kRiskLevel{"LOW", "MEDIUM", "HIGH"};
enum RiskLevel : int { RISK_LOW, RISK_MEDIUM, RISK_HIGH };
inline constexpr std::array<V, 5> kCreditCategory{"A", "B", "C", "D", "E"};
inline constexpr std::array<V, 7> kIncomeClass{"A", "B1", "B2", "C1", "C2", "D", "E"};
inline constexpr std::array<V, 7> kProfile{"young_digital", "subscription_heavy", "family_provider", "traditional_senior",
                                           "micro_empreendedor", "business_owner", "high_spender"};

// Fraud types (the anchor's names, anchor spec 2.2), in fraud_types() order, and the role of a
// step in its scenario.
inline constexpr std::array<V, 25> kFraudType{
    "ENGENHARIA_SOCIAL", "PIX_GOLPE", "CONTA_TOMADA", "CARTAO_CLONADO", "FRAUDE_APLICATIVO", "FALSA_CENTRAL_TELEFONICA",
    "COMPRA_TESTE", "BOLETO_FALSO", "CARD_TESTING", "MULA_FINANCEIRA", "MICRO_BURST_VELOCITY", "WHATSAPP_CLONE",
    "PHISHING_BANCARIO", "DISTRIBUTED_VELOCITY", "MAO_FANTASMA", "FRAUDE_DELIVERY_APP", "FRAUDE_QR_CODE", "SIM_SWAP",
    "CREDENTIAL_STUFFING", "SEQUESTRO_RELAMPAGO", "PIX_AGENDADO_FRAUDE", "EMPRESTIMO_FRAUDULENTO", "GOLPE_INVESTIMENTO",
    "SYNTHETIC_IDENTITY", "DEEP_FAKE_BIOMETRIA"};
inline constexpr std::array<V, 8> kFraudRole{"PROBE", "TRANSFER", "CASH_OUT", "PURCHASE", "SCHEDULED", "LAUNDERING", "BUST_OUT", "INFLOW"};

// Ride-hailing.
inline constexpr std::array<V, 3> kRideApp{"UBER", "99", "INDRIVE"};
inline constexpr std::array<V, 4> kRideLevel{"ECONOMY", "COMFORT", "BLACK", "MOTO"};
inline constexpr std::array<V, 4> kRideStatus{"COMPLETED", "CANCELLED_BY_RIDER", "CANCELLED_BY_DRIVER", "NO_DRIVER"};
inline constexpr std::array<V, 6> kRidePayment{"CREDIT_CARD", "DEBIT_CARD", "PIX", "CASH", "WALLET", "VOUCHER"};
inline constexpr std::array<V, 3> kDriverActivity{"FULL_TIME", "PART_TIME", "OCCASIONAL"};
inline constexpr std::array<V, 3> kVehicleOwnership{"OWN", "FINANCED", "RENTAL"};
inline constexpr std::array<V, 8> kVehicleColour{"WHITE", "SILVER", "GREY", "BLACK", "RED", "BLUE", "NAVY", "BROWN"};
inline constexpr std::array<V, 3> kRain{"NONE", "LIGHT", "HEAVY"};
// What a ride's fare_amount is: the price quoted at request, the meter (the route changed a lot),
// the price agreed with the driver (inDrive), a late cancellation's fee, or nothing.
inline constexpr std::array<V, 5> kPriceBasis{"UPFRONT", "METERED", "NEGOTIATED", "CANCELLATION_FEE", "NONE"};
enum PriceBasis : int { UPFRONT, METERED, NEGOTIATED, CANCELLATION_FEE, NO_PRICE };
// Ride fraud types (in ride_fraud_types() order) and who acts in a scenario.
inline constexpr std::array<V, 11> kRideFraudType{"GPS_SPOOFING", "GHOST_RIDE", "PROMO_ABUSE", "SURGE_ABUSE", "MULTI_ACCOUNT_DRIVER",
                                                  "REFUND_ABUSE", "RATING_FRAUD", "PAYMENT_CHARGEBACK", "SPLIT_FARE_FRAUD",
                                                  "ACCOUNT_TAKEOVER_RIDE", "DESTINATION_DISPARITY"};
inline constexpr std::array<V, 3> kRideFraudRole{"RIDER", "DRIVER", "RIDER_AND_DRIVER"};
// A rider's support ticket about a ride.
inline constexpr std::array<V, 4> kRideTicket{"FARE_REVIEW", "LOST_ITEM", "UNAUTHORIZED", "CANCEL_FEE"};

}  // namespace fraudgen::vocab
