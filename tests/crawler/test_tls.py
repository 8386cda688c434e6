"""Broken TLS chains: refused by default (reason "tls"), crawled when the source sets verify_tls: false."""
from __future__ import annotations

import datetime
import ssl

import pytest

from crawler import crawl_source

from .conftest import source_for
from .site import html

x509 = pytest.importorskip("cryptography.x509")


def _self_signed(tmp_path):
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    (tmp_path / "c.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "k.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(tmp_path / "c.pem", tmp_path / "k.pem")
    return ctx


def test_untrusted_certificate(site, archive, settings, tmp_path, caplog):
    ctx = _self_signed(tmp_path)
    site.server.socket = ctx.wrap_socket(site.server.socket, server_side=True)
    site.base = site.base.replace("http://", "https://")
    site.add("/list", html("Tin", "<a href='/cchc'>CCHC</a>")).add("/cchc", html("Chỉ số CCHC", "x"))
    strict = crawl_source(source_for(site, "/list"), archive, settings=settings)
    assert strict.fetches[0].reason == "tls" and strict.deferred_hosts
    lax = crawl_source(source_for(site, "/list", verify_tls=False), archive, settings=settings)
    assert [d.url for d in lax.documents] == [site.base + "/cchc"], [(f.url, f.outcome, f.reason) for f in lax.fetches]
    assert "verify_tls: false" in caplog.text
