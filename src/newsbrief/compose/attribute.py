from newsbrief.model import Cluster, Config


def attribute(cluster: Cluster, config: Config) -> Cluster:
    return cluster
