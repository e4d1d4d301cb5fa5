-- A 100-line analyst query (monthly mix, gaps, week-over-week, rankings), for the translation benchmark.
WITH
  days AS (
    SELECT
      settlementDate,
      fuelType,
      COUNT(DISTINCT settlementPeriod) AS periods,
      SUM(generation) AS mwh,
      MAX(generation) AS peak,
      MIN(startTime) AS first_start
    FROM `project.uk_energy_insights.bmrs_fuelhh`
    WHERE settlementDate BETWEEN DATE '2018-01-01' AND DATE '2018-12-31'
      AND fuelType IN ('CCGT', 'WIND', 'NUCLEAR', 'COAL', 'BIOMASS', 'NPSHYD', 'OCGT', 'OIL')
    GROUP BY settlementDate, fuelType
  ),
  gaps AS (
    SELECT
      settlementDate,
      fuelType,
      periods,
      CASE
        WHEN EXTRACT(MONTH FROM settlementDate) = 3 AND EXTRACT(DAYOFWEEK FROM settlementDate) = 1 THEN 46
        WHEN EXTRACT(MONTH FROM settlementDate) = 10 AND EXTRACT(DAYOFWEEK FROM settlementDate) = 1 THEN 50
        ELSE 48
      END AS expected
    FROM days
    WHERE periods < 48
  ),
  monthly AS (
    SELECT
      DATE_TRUNC(settlementDate, MONTH) AS month,
      fuelType,
      SUM(mwh) AS mwh,
      AVG(peak) AS avg_peak,
      COUNTIF(periods < 48) AS short_days,
      ARRAY_AGG(settlementDate ORDER BY mwh DESC LIMIT 3) AS best_days,
      STRING_AGG(DISTINCT FORMAT_DATE('%a', settlementDate), ',' ORDER BY FORMAT_DATE('%a', settlementDate)) AS weekdays
    FROM days
    GROUP BY month, fuelType
  ),
  shares AS (
    SELECT
      month,
      fuelType,
      mwh,
      SAFE_DIVIDE(mwh, SUM(mwh) OVER (PARTITION BY month)) AS share,
      RANK() OVER (PARTITION BY month ORDER BY mwh DESC) AS rank_in_month,
      LAG(mwh) OVER (PARTITION BY fuelType ORDER BY month) AS previous_month,
      mwh - LAG(mwh, 1, 0) OVER (PARTITION BY fuelType ORDER BY month) AS change
    FROM monthly
  ),
  weekly AS (
    SELECT
      DATE_TRUNC(settlementDate, WEEK(MONDAY)) AS week,
      fuelType,
      SUM(mwh) AS mwh
    FROM days
    GROUP BY 1, 2
  ),
  week_over_week AS (
    SELECT
      w.week,
      w.fuelType,
      w.mwh,
      p.mwh AS previous,
      ROUND(100 * SAFE_DIVIDE(w.mwh - p.mwh, p.mwh), 2) AS pct_change
    FROM weekly AS w
    LEFT JOIN weekly AS p
      ON p.fuelType = w.fuelType AND p.week = DATE_SUB(w.week, INTERVAL 1 WEEK)
  )
SELECT
  s.month,
  s.fuelType,
  s.mwh,
  ROUND(s.share * 100, 1) AS share_pct,
  s.rank_in_month,
  s.change,
  m.avg_peak,
  m.short_days,
  m.best_days,
  m.weekdays,
  (SELECT COUNT(*) FROM gaps AS g WHERE g.fuelType = s.fuelType AND DATE_TRUNC(g.settlementDate, MONTH) = s.month) AS gap_days,
  (
    SELECT MAX(pct_change)
    FROM week_over_week AS x
    WHERE x.fuelType = s.fuelType AND DATE_TRUNC(x.week, MONTH) = s.month
  ) AS best_week_change,
  IF(s.rank_in_month = 1, 'leader', 'other') AS position,
  COALESCE(CAST(s.previous_month AS STRING), 'n/a') AS previous_text,
  FORMAT('%s %.1f', s.fuelType, CAST(s.mwh AS FLOAT64)) AS label
FROM shares AS s
JOIN monthly AS m
  ON m.month = s.month AND m.fuelType = s.fuelType
WHERE s.mwh > 0
  AND s.fuelType NOT IN (SELECT fuelType FROM gaps GROUP BY fuelType HAVING COUNT(*) > 300)
QUALIFY ROW_NUMBER() OVER (PARTITION BY s.month ORDER BY s.mwh DESC) <= 5
ORDER BY s.month, s.rank_in_month
LIMIT 100
