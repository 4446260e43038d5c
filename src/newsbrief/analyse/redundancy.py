from newsbrief.model import Cluster, Config


def dedupe(cluster: Cluster, config: Config) -> Cluster:
    return cluster
