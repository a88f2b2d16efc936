"""What the shopper's visit is doing, independent of Qt: screens, buttons, dwell, guidance."""
