from newsbrief.model import Cluster, Config


def clean(cluster: Cluster, config: Config) -> Cluster:
    return cluster
