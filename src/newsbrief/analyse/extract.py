from newsbrief.model import Cluster, Config


def extract(cluster: Cluster, config: Config) -> Cluster:
    return cluster
