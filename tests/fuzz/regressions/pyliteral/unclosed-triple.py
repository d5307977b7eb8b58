X = """never closed
