"""公文: 要素 metadata, numbering, 正文 rendering, PDF, seals and signatures."""
