#include "fraudgen/sim/fraud_types.h"

#include <iterator>

#include "fraudgen/schema/vocabulary.h"

namespace fraudgen {
namespace {

using namespace vocab;
using D = FraudDevice;
using P = FraudPlace;
using Pat = FraudPattern;
using R = FraudRole;
constexpr int8_t kNone = -1;

// Prevalence, taxonomy and detection delays follow the anchor's fraud table (spec 2.2); steps,
// windows and devices describe the event sequence each type really is (docs/fraud-model.md).
constexpr FraudType kTypes[] = {
    {"ENGENHARIA_SOCIAL", .28, "ENGENHARIA_SOCIAL", 1, 3, {PIX, PIX, TED}, .25, D::Usual, P::Usual, 8, 20, 240, 1.0, 2.5, 1, 14, Pat::Burst, R::Transfer, ""},
    {"PIX_GOLPE", .25, "PIX_GOLPE|ENGENHARIA_SOCIAL", 1, 3, {PIX, kNone, kNone}, .2, D::Usual, P::Usual, 6, 23, 120, 1.5, 4.0, 1, 3, Pat::Probe, R::Transfer, ""},
    {"CONTA_TOMADA", .15, "ATO|CONTA_TOMADA", 5, 12, {PIX, PIX, TED}, .4, D::Attacker, P::OtherState, 22, 4, 90, 1.5, 5.0, 1, 3, Pat::Burst, R::CashOut, ""},
    {"CARTAO_CLONADO", .14, "CARTAO_CLONADO", 2, 6, {CREDIT_CARD, CREDIT_CARD, DEBIT_CARD}, .6, D::Attacker, P::OtherState, 0, 23, 180, 1.2, 3.0, 1, 5, Pat::Probe, R::Purchase, "5541 5542 5912 5411"},
    {"FRAUDE_APLICATIVO", .12, "FRAUDE_APLICATIVO|ATO", 3, 6, {PIX, CREDIT_CARD, kNone}, 0, D::Attacker, P::Usual, 6, 23, 60, 2.0, 6.0, 1, 5, Pat::Burst, R::CashOut, "5732 5999"},
    {"FALSA_CENTRAL_TELEFONICA", .10, "FALSA_CENTRAL|ENGENHARIA_SOCIAL|IMPERSONATION", 1, 2, {PIX, kNone, kNone}, 0, D::Usual, P::Usual, 8, 17, 45, 2.0, 8.0, 1, 7, Pat::Burst, R::Transfer, ""},
    {"COMPRA_TESTE", .08, "CARD_TESTING", 4, 10, {CREDIT_CARD, CREDIT_CARD, DEBIT_CARD}, .7, D::Attacker, P::OtherState, 0, 23, 30, .01, .2, 1, 5, Pat::Burst, R::Probe, "5999 5732 5815 5311"},
    {"BOLETO_FALSO", .08, "BOLETO_FALSO", 1, 2, {BOLETO, kNone, kNone}, .4, D::Usual, P::Usual, 8, 20, 1440, 2.0, 5.0, 2, 7, Pat::Burst, R::Transfer, ""},
    {"CARD_TESTING", .07, "CARD_TESTING", 4, 9, {CREDIT_CARD, CREDIT_CARD, DEBIT_CARD}, .8, D::Attacker, P::OtherState, 0, 23, 20, 1.0, 1.0, 1, 5, Pat::CardTesting, R::Purchase, "5999 5732 5411 5912"},
    {"MULA_FINANCEIRA", .06, "MULA_FINANCEIRA|LAVAGEM_DINHEIRO", 5, 14, {PIX, TED, WITHDRAWAL}, .3, D::Usual, P::Usual, 6, 23, 360, 1.5, 3.0, 7, 30, Pat::PassThrough, R::Laundering, ""},
    {"MICRO_BURST_VELOCITY", .05, "MICRO_BURST_VELOCITY|BOT", 8, 20, {PIX, CREDIT_CARD, DEBIT_CARD}, .5, D::Attacker, P::OtherState, 0, 23, 15, .5, 3.0, 1, 5, Pat::Burst, R::CashOut, "5999 5732 5311"},
    {"WHATSAPP_CLONE", .05, "ENGENHARIA_SOCIAL|WHATSAPP_CLONE|IMPERSONATION", 1, 3, {PIX, kNone, kNone}, .1, D::Usual, P::Usual, 8, 22, 600, .5, 2.5, 1, 7, Pat::Burst, R::Transfer, ""},
    {"PHISHING_BANCARIO", .05, "PHISHING|ATO|CREDENTIAL_STUFFING", 3, 8, {PIX, PIX, TED}, .6, D::Attacker, P::OtherState, 0, 23, 60, 1.5, 6.0, 1, 5, Pat::Burst, R::CashOut, ""},
    {"DISTRIBUTED_VELOCITY", .04, "DISTRIBUTED_VELOCITY|BOT", 4, 9, {PIX, CREDIT_CARD, kNone}, .5, D::SeveralAttackers, P::OtherState, 0, 23, 60, 1.0, 4.0, 1, 5, Pat::Burst, R::CashOut, "5999 5732"},
    {"MAO_FANTASMA", .04, "RAT_FRAUD|ATO|MAO_FANTASMA", 3, 8, {PIX, PIX, TED}, 0, D::Usual, P::Usual, 22, 4, 60, 2.0, 8.0, 1, 3, Pat::Burst, R::CashOut, ""},
    {"FRAUDE_DELIVERY_APP", .04, "CARTAO_CLONADO|CARD_TESTING", 4, 10, {CREDIT_CARD, DEBIT_CARD, kNone}, 0, D::Attacker, P::OtherState, 10, 23, 120, .1, .5, 1, 5, Pat::Burst, R::Purchase, "5812 5814 5811"},
    {"FRAUDE_QR_CODE", .04, "PIX_GOLPE|ENGENHARIA_SOCIAL", 1, 2, {PIX, kNone, kNone}, 0, D::Usual, P::Usual, 8, 22, 30, 1.5, 4.0, 1, 3, Pat::ForgedQr, R::Transfer, ""},
    {"SIM_SWAP", .03, "SIM_SWAP|ATO", 3, 7, {PIX, PIX, TED}, .2, D::Attacker, P::OtherState, 22, 4, 90, 3.0, 10.0, 1, 5, Pat::Burst, R::CashOut, ""},
    {"CREDENTIAL_STUFFING", .03, "CREDENTIAL_STUFFING|BOT|ATO", 5, 15, {PIX, TED, CREDIT_CARD}, .7, D::Attacker, P::OtherState, 0, 23, 30, .5, 2.0, 0, 2, Pat::Burst, R::CashOut, "5999 5732"},
    {"SEQUESTRO_RELAMPAGO", .03, "SEQUESTRO_RELAMPAGO|ENGENHARIA_SOCIAL", 2, 5, {PIX, PIX, WITHDRAWAL}, 0, D::Usual, P::Moving, 20, 2, 150, 3.0, 12.0, 1, 3, Pat::Burst, R::CashOut, ""},
    {"PIX_AGENDADO_FRAUDE", .03, "PIX_GOLPE|ATO", 2, 5, {PIX, kNone, kNone}, .5, D::Attacker, P::Usual, 6, 7, 0, .5, 3.0, 1, 3, Pat::Scheduled, R::Scheduled, ""},
    {"EMPRESTIMO_FRAUDULENTO", .03, "IDENTITY_FRAUD|SYNTHETIC_IDENTITY", 1, 3, {PIX, TED, TED}, .4, D::Attacker, P::Usual, 8, 20, 240, 5.0, 20.0, 7, 30, Pat::Burst, R::CashOut, ""},
    {"GOLPE_INVESTIMENTO", .03, "ENGENHARIA_SOCIAL|PIRAMIDE", 3, 6, {PIX, PIX, TED}, .3, D::Usual, P::Usual, 8, 21, 0, 1.0, 3.0, 14, 60, Pat::Escalating, R::Transfer, ""},
    {"SYNTHETIC_IDENTITY", .02, "SYNTHETIC_IDENTITY|IDENTITY_FRAUD", 3, 8, {CREDIT_CARD, CREDIT_CARD, PIX}, .4, D::Usual, P::Usual, 8, 22, 0, 2.0, 6.0, 30, 90, Pat::BustOut, R::BustOut, "5732 5311 5944 5999"},
    {"DEEP_FAKE_BIOMETRIA", .02, "IDENTITY_FRAUD|DEEP_FAKE|ATO", 1, 4, {PIX, TED, kNone}, 0, D::Attacker, P::OtherState, 0, 23, 120, 2.0, 10.0, 3, 14, Pat::Burst, R::CashOut, ""},
};
static_assert(std::size(kTypes) == kFraudTypeCount);

constexpr bool names_match_vocabulary() {
  for (int t = 0; t < kFraudTypeCount; ++t)
    if (kTypes[t].name != kFraudType[static_cast<size_t>(t)]) return false;
  return true;
}
static_assert(names_match_vocabulary(), "fraud_types() and vocab::kFraudType must list the types in the same order");

struct Boost { int month; std::string_view type; double factor; };
constexpr Boost kBoosts[] = {
    {11, "PHISHING_BANCARIO", 1.8}, {11, "CARTAO_CLONADO", 1.6}, {11, "FRAUDE_APLICATIVO", 1.5}, {11, "COMPRA_TESTE", 1.4},
    {11, "CARD_TESTING", 1.5}, {12, "GOLPE_INVESTIMENTO", 1.7}, {12, "ENGENHARIA_SOCIAL", 1.3}, {12, "PIX_GOLPE", 1.3},
    {12, "EMPRESTIMO_FRAUDULENTO", 1.4}, {12, "WHATSAPP_CLONE", 1.3}, {1, "MULA_FINANCEIRA", 1.5}, {1, "CONTA_TOMADA", 1.3},
    {2, "SEQUESTRO_RELAMPAGO", 1.8}, {2, "SIM_SWAP", 1.4}, {2, "CONTA_TOMADA", 1.3}, {3, "SEQUESTRO_RELAMPAGO", 1.5},
    {3, "SIM_SWAP", 1.3},
};

}  // namespace

std::span<const FraudType> fraud_types() { return kTypes; }

double seasonal_boost(int type, int month) {
  for (const Boost& b : kBoosts)
    if (b.month == month && b.type == kTypes[type].name) return b.factor;
  return 1.0;
}

}  // namespace fraudgen
