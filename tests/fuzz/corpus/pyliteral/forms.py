A = r'raw\d' u"uni" b'''by
tes''' """tri"""
B = [1, -2.5e3, 0x1F, True, None, ('t',), {'k': [{'n': (1, 2)}]}, os.sep, f(x)]
C = B if not A else {}
D = E = 'chain'  # comment
if D:
    F = 'block'
G += [1]
H: str = 'typed'
I = 1, 2, \
    3
J = [x for x in y]
K = ('a'
     'b')
L = '\x41\u00e9\U0001F600\101\N{DASH}'
M = [[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]
N = 'unterminated
O = {**P, 'q': 1}
