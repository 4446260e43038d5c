from newsbrief.model import Cluster, Config


def drop_off_topic(cluster: Cluster, config: Config) -> Cluster:
    return cluster
