"""Running on a shop PC for months: self-test, doctor, logs, the supervisor's watchdog."""
