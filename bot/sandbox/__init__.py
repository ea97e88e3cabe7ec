"""Where candidate code runs: the bubblewrap sandbox, the policy that picks a runner, the pool."""
