"""`kg spark`: the `kg build` per-article function on Apache Spark, one module per stage.

inputs (read on the executors) -> keys (one shuffle by graph) -> worker (copy or build) ->
output (shards, manifest, rejects), orchestrated by job; session makes the SparkSession.
What the output directory holds, and its read side, is kg.publish.shard_layout: `kg load` and
`kg push` read it without Spark. pyspark is imported only by job and session.
"""
