"""The packaged rule sets (the top-level rules/ folder, installed as stripper.rulesets)."""
