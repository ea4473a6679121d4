"""Builds a tiny, real Argos Translate package offline for the retranslation tests.

The package holds a hand-written SentencePiece model and a one-layer CTranslate2 Transformer
whose weights are set by hand so that decoding step ``t`` copies source piece ``t`` to the
output, through a word table (``▁Мы`` -> ``▁We``). Nothing is trained and nothing is downloaded;
the output is deterministic, so tests can assert on it exactly.
"""
from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path

import numpy as np

RU_EN = {
    "Мы": "We", "продолжим": "continue", "сотрудничество": "cooperation", "с": "with",
    "Сирией": "Syria", "Россия": "Russia", "поддерживает": "supports", "мирный": "peaceful",
    "процесс": "process", "прибыл": "arrived", "на": "at", "базу": "base", "в": "in",
    "понедельник": "Monday", "заявил": "said", "что": "that", "ситуация": "situation",
    "остается": "remains", "сложной": "difficult", "Он": "He", "сказал": "said",
}
FR_EN = {
    "Le": "The", "président": "president", "a": "has", "déclaré": "declared", "que": "that",
    "la": "the", "situation": "situation", "reste": "remains", "difficile": "difficult",
}

_CHARS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
    "àâçéèêëîïôùûüÿœ.,;:!?-–—()«»\"'’"
)
_MAX_LEN = 128  # pieces per sentence; longer input makes CTranslate2 fail, like a broken model


def _sentencepiece(words: dict[str, str]) -> tuple[bytes, list[str]]:
    """A unigram model in which every table word is one piece and anything else is spelled by characters."""
    from sentencepiece import sentencepiece_model_pb2 as pb

    sp = pb.ModelProto.SentencePiece
    m = pb.ModelProto()
    m.trainer_spec.model_type = pb.TrainerSpec.UNIGRAM
    m.trainer_spec.unk_id, m.trainer_spec.bos_id, m.trainer_spec.eos_id, m.trainer_spec.pad_id = 0, 1, 2, -1
    m.normalizer_spec.name = "identity"
    m.normalizer_spec.add_dummy_prefix = True
    m.normalizer_spec.remove_extra_whitespaces = True
    m.normalizer_spec.escape_whitespaces = True
    pieces = [("<unk>", sp.UNKNOWN), ("<s>", sp.CONTROL), ("</s>", sp.CONTROL)]
    seen = {p for p, _ in pieces}
    # Word pieces score far above their spelling, so the unigram search always prefers them.
    for w in sorted({*words, *words.values()}):
        if "▁" + w not in seen:
            pieces.append(("▁" + w, sp.NORMAL))
            seen.add("▁" + w)
    for c in "▁" + _CHARS:
        if c not in seen:
            pieces.append((c, sp.NORMAL))
            seen.add(c)
    for p, kind in pieces:
        item = m.pieces.add()
        item.piece, item.type = p, kind
        item.score = -1.0 if p.startswith("▁") and len(p) > 1 else -10.0
    return m.SerializeToString(), [p for p, _ in pieces]


def _copy_transformer(out: Path, vocab: list[str], table: dict[str, str]) -> None:
    """Write a CTranslate2 model that copies the source, piece by piece, through ``table`` (piece -> piece).

    Residual stream: [token one-hot (V) | position one-hot (L) | flag]. Cross-attention matches
    decoder position t with encoder position t and passes the token one-hot through; the flag
    lets positions past the end of the source attend to ``</s>``, so every beam stops.
    """
    from ctranslate2.converters.converter import Converter
    from ctranslate2.specs import transformer_spec

    V, L = len(vocab), _MAX_LEN
    D, flag, eos = V + L + 1, V + L, vocab.index("</s>")
    f32 = np.float32
    tok = np.zeros((D, D), f32)
    tok[np.arange(V), np.arange(V)] = 1.0
    pos = np.zeros((L, D), f32)
    pos[np.arange(L), V + np.arange(L)] = 1.0

    spec = transformer_spec.TransformerSpec.from_config((1, 1), num_heads=1)
    spec.config.add_source_eos = True
    enc, dec = spec.encoder, spec.decoder
    enc.scale_embeddings = dec.scale_embeddings = False

    def norm(s):
        s.gamma, s.beta = np.ones(D, f32), np.zeros(D, f32)

    def dense(s, w):
        s.weight, s.bias = w.astype(f32), np.zeros(w.shape[0], f32)

    def silence(layer, attn):
        # A layer whose every output projection is zero leaves the residual stream as it is.
        norm(attn.layer_norm)
        dense(attn.linear[0], np.zeros((3 * D, D), f32))
        dense(attn.linear[1], np.zeros((D, D), f32))
        norm(layer.ffn.layer_norm)
        dense(layer.ffn.linear_0, np.zeros((4, D), f32))
        dense(layer.ffn.linear_1, np.zeros((D, 4), f32))

    enc.embeddings[0].weight = tok[:V].copy()
    # CTranslate2 checks inputs against 1024 positions; rows past L carry no position (never copied).
    enc.position_encodings.encodings = np.concatenate([pos, np.zeros((1024 - L, D), f32)])
    norm(enc.layer_norm)
    silence(enc.layer[0], enc.layer[0].self_attention)

    dec.embeddings.weight = np.zeros((V, D), f32)
    dec_pos = pos.copy()
    dec_pos[:, flag] = 1.0
    dec.position_encodings.encodings = dec_pos
    norm(dec.layer_norm)
    layer = dec.layer[0]
    silence(layer, layer.self_attention)
    query = np.zeros((D, D), f32)
    query[np.arange(V, V + L), np.arange(V, V + L)] = 4.0
    query[flag, flag] = 1.0
    key = np.zeros((D, D), f32)
    key[np.arange(V, V + L), np.arange(V, V + L)] = 1.0
    key[flag, eos] = 1.7  # weaker than a position match, stronger than nothing
    norm(layer.attention.layer_norm)
    dense(layer.attention.linear[0], query)
    dense(layer.attention.linear[1], np.concatenate([key, tok]))
    dense(layer.attention.linear[2], tok)

    proj = np.zeros((V, D), f32)
    index = {p: i for i, p in enumerate(vocab)}
    for i in range(V):
        proj[i, i] = 4.0
    for src, dst in table.items():
        i, j = index[src], index[dst]
        proj[i, i], proj[j, i] = 0.0, 4.0
    dense(dec.projection, proj)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)

    class _Fixed(Converter):
        def _load(self):
            return spec

    _Fixed().convert(str(out), force=True)


def build_package(out_dir: Path, from_code: str = "ru", to_code: str = "en", words: dict[str, str] | None = None,
                  char_map: dict[str, str] | None = None, name: str | None = None) -> Path:
    """Write ``translate-<from>_<to>.argosmodel`` into ``out_dir`` and return its path.

    ``words`` maps source words to target words; ``char_map`` remaps single characters (a way to
    build a model that mangles its input, for the tests of rejected output).
    """
    words = dict(RU_EN if words is None else words)
    model_bytes, vocab = _sentencepiece(words)
    table = {"▁" + s: "▁" + d for s, d in words.items()} | dict(char_map or {})
    name = name or f"translate-{from_code}_{to_code}"
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / name
        root.mkdir()
        (root / "sentencepiece.model").write_bytes(model_bytes)
        _copy_transformer(root / "model", vocab, table)
        (root / "metadata.json").write_text(json.dumps({
            "package_version": "0.1", "argos_version": "1.12", "type": "translate",
            "from_code": from_code, "from_name": from_code, "to_code": to_code, "to_name": to_code,
            "links": [],
        }))
        pkg = out_dir / f"{name}.argosmodel"
        with zipfile.ZipFile(pkg, "w", zipfile.ZIP_DEFLATED) as z:
            for f in sorted(root.rglob("*")):
                z.write(f, f.relative_to(root.parent).as_posix())
    return pkg
