import BirlikWeb
print("bench")
