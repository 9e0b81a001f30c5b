"""`make bench`: the assistant against Rasa's own starter bot, same workload, interleaved."""
