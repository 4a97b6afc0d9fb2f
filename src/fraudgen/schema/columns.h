// Column positions of each table, in schema order (checked against schema.cpp by a static_assert).
#pragma once

namespace fraudgen {

namespace customer_col {
enum : int {
  customer_id, name, sex, cpf, email, phone, birth_date, address_street, address_number, address_neighborhood,
  address_city, address_state, address_postal_code, address_ibge_code, monthly_income, income_class, profession,
  account_created_at, account_type, account_status, credit_limit, credit_score, credit_score_category, risk_level,
  bank_code, bank_name, bank_ispb, branch, account_number, behavioral_profile, address_age_days, phone_age_days,
  address_change_count_1y, phone_change_count_1y, credit_bureau_queries_10d, credit_bureau_queries_30d,
  credit_bureau_queries_180d, active_restrictions_count, restrictions_resolved_1y, kCount
};
}

namespace device_col {
enum : int {
  device_id, customer_id, device_type, device_kind, manufacturer, model, operating_system, fingerprint, first_use,
  is_trusted, rooted_or_jailbreak, emulator_detected, vpn_active, ip_type, kCount
};
}

namespace tx_col {
enum : int {
  transaction_id, customer_id, session_id, device_id, timestamp, type, direction, amount, currency, channel, ip_address,
  geolocation_lat, geolocation_lon, municipality_ibge_code, municipality_name, transaction_state, customer_state,
  customer_profile, social_class, merchant_id, merchant_name, merchant_category, mcc_code, mcc_risk_level,
  card_number_hash, card_brand, card_type, installments, card_entry, cvv_validated, auth_3ds, pix_key_type,
  beneficiary_id, payer_id, destination_bank_code, end_to_end_id, payer_ispb, payee_ispb, payer_account_type, payee_account_type,
  payee_holder_type, pix_initiation_mode, payer_cpf_hash, pacs_status, is_pix_return, pix_return_reason, unusual_time,
  device_age_days, emulator_detected, vpn_active, ip_type, velocity_transactions_1h, velocity_transactions_6h,
  velocity_transactions_24h, velocity_transactions_7d, velocity_transactions_30d, accumulated_amount_1h,
  accumulated_amount_6h, accumulated_amount_24h, accumulated_amount_7d, accumulated_amount_30d,
  velocity_unique_merchants_7d, velocity_unique_devices_7d, time_since_last_txn_min, distance_from_last_txn_km,
  device_new_for_customer, new_beneficiary, new_merchant, fraud_score, status, is_fraud, fraud_type, fraud_scenario_id,
  fraud_role, fraud_step, fraud_taxonomy, fraud_reported_date, kCount
};
}

namespace label_col {
enum : int {
  transaction_id, customer_id, timestamp, fraud_type, fraud_scenario_id, fraud_role, fraud_step, fraud_taxonomy,
  fraud_reported_date, kCount
};
}

namespace driver_col {
enum : int {
  driver_id, app, name, sex, cpf, cnh, cnh_paid_activity, birth_date, city_ibge_code, city_name, state, activity,
  registered_at, device_id, payout_bank_code, payout_account_hash, vehicle_plate, vehicle_brand, vehicle_model, vehicle_level,
  vehicle_year, vehicle_colour, vehicle_ownership, kCount
};
}

namespace ride_col {
enum : int {
  ride_id, app, category, level, customer_id, rider_account_id, account_age_days, rider_device_id, driver_id, vehicle_plate, city_ibge_code, city_name, state, dispatch_area, status,
  requested_at, accepted_at, arrived_at, started_at, ended_at, cancelled_at, pickup_lat, pickup_lon, pickup_zone,
  dropoff_lat, dropoff_lon, dropoff_place, dropoff_airport, pickup_distance_km, quoted_distance_m, quoted_duration_s,
  actual_distance_m, actual_duration_s, rain, surge_multiplier, flight_bank, quoted_price, offer_amount, counter_offers,
  price_basis, fare_base, fare_distance, fare_time, fare_surge, fare_minimum_topup, fare_municipal_fee, fare_amount,
  cancel_fee, payment_method, zero_fee_day, platform_fee, tip_amount, tipped_at, driver_earnings, rating_by_rider,
  rating_by_driver, driver_trips_7d, driver_rating_7d, driver_cancels_7d, rider_requests_7d, rider_cancels_7d,
  rider_rating_7d, pair_rides_7d, card_age_days, promo_amount, split_account_ids, charged_amount, gps_path_ratio,
  gps_max_jump_m, end_to_dropoff_m, driver_adjustment, ticket, refund_amount, dispute_date, is_fraud, fraud_type,
  fraud_scenario_id, fraud_role, fraud_taxonomy, fraud_reported_date, kCount
};
}

namespace ride_label_col {
enum : int {
  ride_id, customer_id, driver_id, requested_at, fraud_type, fraud_scenario_id, fraud_role, fraud_taxonomy, fraud_reported_date, kCount
};
}

namespace session_col {
enum : int { session_id, driver_id, app, city_ibge_code, dispatch_area, online_at, offline_at, kCount };
}

}  // namespace fraudgen
