-- bmrs migration 0001: the FUELINST and FUELHH tables.
-- Written in BigQuery DDL: this file runs unchanged on BigQuery (`bq query --use_legacy_sql=false < file`).
-- settlementDate is a DATE (the report's pipeline declared STRING, but BigQuery cannot partition on STRING).

CREATE TABLE IF NOT EXISTS `uk_energy_insights.bmrs_fuelinst` (
  settlementDate DATE NOT NULL OPTIONS(description = "Settlement date (Europe/London trading day)"),
  settlementPeriod INT64 NOT NULL OPTIONS(description = "Settlement period, 1..46/48/50"),
  fuelType STRING NOT NULL OPTIONS(description = "Fuel type code, e.g. CCGT, WIND, INTFR"),
  generation INT64 OPTIONS(description = "Generation in MW"),
  publishTime TIMESTAMP OPTIONS(description = "When Elexon published this value"),
  startTime TIMESTAMP OPTIONS(description = "Start of the reading's 5-minute interval"),
  _ingested_utc TIMESTAMP OPTIONS(description = "When bmrs stored this version"),
  PRIMARY KEY (settlementDate, settlementPeriod, fuelType) NOT ENFORCED
)
PARTITION BY settlementDate
CLUSTER BY fuelType
OPTIONS(description = "FUELINST: instantaneous generation by fuel type (5-minute readings); the last reading of each settlement period is kept");

CREATE TABLE IF NOT EXISTS `uk_energy_insights.bmrs_fuelhh` (
  settlementDate DATE NOT NULL OPTIONS(description = "Settlement date (Europe/London trading day)"),
  settlementPeriod INT64 NOT NULL OPTIONS(description = "Settlement period, 1..46/48/50"),
  fuelType STRING NOT NULL OPTIONS(description = "Fuel type code, e.g. CCGT, WIND, INTFR"),
  generation INT64 OPTIONS(description = "Average generation over the half hour in MW"),
  publishTime TIMESTAMP OPTIONS(description = "When Elexon published this value"),
  startTime TIMESTAMP OPTIONS(description = "Start of the settlement period"),
  _ingested_utc TIMESTAMP OPTIONS(description = "When bmrs stored this version"),
  PRIMARY KEY (settlementDate, settlementPeriod, fuelType) NOT ENFORCED
)
PARTITION BY settlementDate
CLUSTER BY fuelType
OPTIONS(description = "FUELHH: half-hourly generation by fuel type");
