"""`kg spark`: the `kg build` per-article function on Apache Spark, one module per stage.

inputs (read on the executors) -> keys (one shuffle by graph) -> worker (copy or build) ->
output (shards, manifest, rejects), orchestrated by job; layout says what the output directory
holds and offers its read side; session makes the SparkSession. pyspark is imported only by
job and session, so the read side (layout) works without it.
"""
