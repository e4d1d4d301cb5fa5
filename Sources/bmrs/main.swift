import CLI

BMRS.main()
