"""Platform adapters: translate platform events to engine messages and back; no interview logic."""
